import { createPrng } from '@prefstream/stats';

/**
 * Seeded standard normals for the simulations in the specs: Box-Muller on libs/stats' PRNG, two normals
 * per pair of uniforms (about three times fewer uniforms than the polar method, which keeps the
 * run-length simulations within the lib's test-time budget).
 */
export function seededGaussian(seed: number): () => number {
  const rng = createPrng(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - rng.next())); // 1 - u in (0, 1]: log is finite
    const angle = 2 * Math.PI * rng.next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

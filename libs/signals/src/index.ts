// Public API of libs/signals: sessionization, implicit signals and implicit reward.
export {};

/**
 * Adds `readonly = 1` to a statement's SETTINGS clause (creating one if needed). The server then refuses
 * any write in it, which is what makes user-typed SQL in `prefstream query` and the dashboard safe.
 */
export function withReadonlySetting(sql: string): string {
  const body = sql.replace(/[\s;]+$/u, '');
  return /\bSETTINGS\s+[\w\s=,'.-]+$/iu.test(body) ? `${body}, readonly = 1` : `${body}\nSETTINGS readonly = 1`;
}

/** Remediation minutes as a person reads them: minutes, hours, or 8-hour days beyond a 40-hour week. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const h = minutes / 60;
  return h < 8 * 5 ? `${h.toFixed(1)} h` : `${(h / 8).toFixed(1)} d`;
}

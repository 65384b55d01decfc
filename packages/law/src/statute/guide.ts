export function renderProp64Guide(): string {
  return "";
}

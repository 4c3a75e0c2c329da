/** The value of a resource locator, whether n8n already extracted it or passes the {mode, value} object. */
export function locatorValue(raw: unknown): unknown {
	if (typeof raw === 'object' && raw !== null && 'value' in raw)
		return (raw as { value: unknown }).value;
	return raw;
}

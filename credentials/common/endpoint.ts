/** IoTDA's regions and how the AK/SK credential decides its signing mode. Pure, no n8n imports. */

/** IoTDA regions (Huawei's IoTDARegion list). */
export const IOTDA_REGIONS: ReadonlyArray<{ id: string; name: string }> = [
	{ id: 'af-south-1', name: 'AF-Johannesburg' },
	{ id: 'ap-southeast-1', name: 'AP-Hong Kong' },
	{ id: 'ap-southeast-2', name: 'AP-Bangkok' },
	{ id: 'ap-southeast-3', name: 'AP-Singapore' },
	{ id: 'cn-east-3', name: 'CN East-Shanghai1' },
	{ id: 'cn-north-4', name: 'CN North-Beijing4' },
	{ id: 'cn-south-1', name: 'CN South-Guangzhou' },
	{ id: 'cn-south-4', name: 'CN South-Guangzhou-InvitationOnly' },
	{ id: 'la-north-2', name: 'LA-Mexico City2' },
	{ id: 'la-south-2', name: 'LA-Santiago' },
	{ id: 'me-east-1', name: 'ME-Riyadh' },
	{ id: 'ru-moscow-1', name: 'RU-Moscow' },
	{ id: 'sa-brazil-1', name: 'LA-Sao Paulo1' },
];

/** Service name in the V11 scope: IoTDA signs as `iotdm`, not `iotda`. */
export const IOTDA_DERIVED_SERVICE = 'iotdm';

/** Huawei SDKs' default rule: derived signing unless the host is a public Huawei Cloud endpoint. */
const PUBLIC_ENDPOINT =
	/^[a-z][a-z0-9-]+(\.[a-z]{2,}-[a-z]+-\d{1,2})?\.(my)?(huaweicloud|myhwclouds).(com|cn)$/;

export type SigningMode = 'auto' | 'basic' | 'derived';

export function usesDerivedSigning(mode: SigningMode, endpoint: string): boolean {
	if (mode === 'basic') return false;
	if (mode === 'derived') return true;
	return !PUBLIC_ENDPOINT.test(new URL(endpoint).hostname);
}

// Typed access to the static helpers of Huawei's own SDK signer. They are `protected`/`private` in the
// .d.ts files, so we view the classes through an explicit interface instead of re-implementing them:
// verification must run Huawei's code, never this package's signer (a bug shared by both would hide).
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { DerivedAKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/DerivedAKSKSigner';
import { HKDF } from '@huaweicloud/huaweicloud-sdk-core/auth/HKDF';

interface AkskStatics {
	CanonicalURI(inputUri?: string): string | undefined;
	CanonicalQueryString(r: { queryParams: Record<string, string | string[]> }): string;
	buildCanonicalRequest(
		method: string,
		canonicalURI: string,
		canonicalQueryString: string,
		canonicalHeaders: string,
		signedHeaderNames: string,
		payloadHash: string,
	): string;
	Hex(str: string): string;
	hmacSHA256(secretKey: string, str: string): string;
	getStringToSign(algorithm: string, dateTimeStamp: string, canonicalRequestHash: string): string;
}

interface DerivedStatics extends AkskStatics {
	getStringToSignByInfo(
		algorithm: string,
		dateTimeStamp: string,
		info: string,
		canonicalRequestHash: string,
	): string;
}

export const sdkBasic = AKSKSigner as unknown as AkskStatics;
export const sdkDerived = DerivedAKSKSigner as unknown as DerivedStatics;
export const sdkDeriveKey = (ak: string, sk: string, info: string): string =>
	HKDF.getDerKeySHA256(ak, sk, info) ?? '';

/**
 * The canonical URI Huawei's gateway computes for a path received on the wire: it decodes the whole path
 * once and lets the SDK's own `CanonicalURI` encode each segment once (Python SDK `_process_canonical_uri`
 * does `unquote(path).split('/')` the same way). So `/products/prod%3A01` → `/products/prod%3A01/`; the
 * Node SDK's `sign()`, which feeds the wire path straight to `CanonicalURI`, gives `prod%253A01` and is rejected.
 * Returns undefined for a path whose percent-encoding is malformed (not UTF-8, or `%` without two hex digits).
 */
export function gatewayCanonicalUri(wirePath: string): string | undefined {
	let decoded: string;
	try {
		decoded = decodeURIComponent(wirePath);
	} catch {
		return undefined;
	}
	return sdkBasic.CanonicalURI(decoded) ?? '/';
}

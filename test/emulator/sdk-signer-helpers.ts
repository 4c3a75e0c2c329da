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
	getStringToSignByInfo(algorithm: string, dateTimeStamp: string, info: string, canonicalRequestHash: string): string;
}

export const sdkBasic = AKSKSigner as unknown as AkskStatics;
export const sdkDerived = DerivedAKSKSigner as unknown as DerivedStatics;
export const sdkDeriveKey = (ak: string, sk: string, info: string): string => HKDF.getDerKeySHA256(ak, sk, info) ?? '';

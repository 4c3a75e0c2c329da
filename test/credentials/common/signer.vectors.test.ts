/**
 * The signature vectors (test/helpers/signerSuite.fixture.ts) checked by one loop, smithy-style: each vector
 * through signRequest, through the named steps when the source gives its canonical request, and through the
 * n8n credential wrapper (authenticateRequest) when it has an n8n form. Then each named step on its own.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { authenticateRequest } from '../../../credentials/common/authenticate';
import {
	authorization,
	canonicalHeaders,
	canonicalQueryString,
	canonicalRequest,
	canonicalUri,
	credentialScope,
	deriveSigningKey,
	formatSdkDate,
	payloadHash,
	percentDecode,
	signableHeaders,
	signature,
	signedHeaderNames,
	signingKey,
	signRequest,
	stringToSign,
} from '../../../credentials/common/signer';
import {
	GO,
	GO_VECTORS,
	SIGNER_VECTORS,
	type SignerVector,
} from '../../helpers/signerSuite.fixture';
import {
	AK,
	CREATE_TASK_BODY,
	CREATE_TASK_BODY_SHA256,
	DERIVED_KEY,
	NOW,
	PROJECT_ID,
	REGION,
	SDK_DATE,
	SK,
	V1_CANONICAL_REQUEST,
	V1_CANONICAL_REQUEST_SHA256,
} from '../../helpers/vectors';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const signatureOf = (header: string) => header.replace(/^.*Signature=/, '');

function credential(extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		accessKeyId: AK,
		secretAccessKey: SK,
		projectId: PROJECT_ID,
		region: REGION,
		endpoint: '',
		signingMode: 'auto',
		...extra,
	};
}

/** The canonical request rebuilt from the vector's request by the named steps alone. */
function canonicalFromSteps(v: SignerVector): string {
	const url = new URL(v.request.url);
	const headers: Record<string, string> = { ...v.request.headers, 'X-Sdk-Date': SDK_DATE };
	if (v.request.unsignedPayload) headers['X-Sdk-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
	return canonicalRequest({
		method: v.request.method,
		path: url.pathname,
		query: canonicalQueryString(v.request.query),
		headers: signableHeaders(headers, url.host),
		payloadHash: payloadHash(v.request.body, v.request.unsignedPayload),
	});
}

describe.each(SIGNER_VECTORS)('$name', (v) => {
	const credentials = v.credentials ?? { accessKeyId: AK, secretAccessKey: SK };

	it('signRequest gives the exact Authorization, X-Sdk-Date and URL', () => {
		const signed = signRequest(v.request, credentials, v.options);
		expect(signed.headers.Authorization).toBe(v.authorization);
		expect(signed.headers['X-Sdk-Date']).toBe(SDK_DATE);
		if (v.url) expect(signed.url).toBe(v.url);
		expect(new URL(signed.url).pathname).toBe(new URL(v.request.url).pathname); // the wire path is never changed
	});

	if (v.canonicalRequest !== undefined) {
		const canonical = v.canonicalRequest;
		it('the named steps rebuild the canonical request and, from it, the signature', () => {
			expect(canonicalFromSteps(v)).toBe(canonical);
			const info = v.options.derived ? credentialScope(SDK_DATE, v.options.derived) : undefined;
			expect(
				signature(signingKey(credentials, info), stringToSign(canonical, SDK_DATE, info)),
			).toBe(signatureOf(v.authorization));
		});
	}

	const n8n = v.n8n;
	if (n8n) {
		it('the n8n credential (authenticateRequest) signs the same', () => {
			const wrapped = authenticateRequest(credential(n8n.credential), n8n.options, NOW);
			expect(wrapped.headers?.Authorization).toBe(v.authorization);
			if (v.url) expect(wrapped.url).toBe(v.url);
		});
	}
});

describe.each(GO_VECTORS)('$name', (v) => {
	it('the named steps give the Go SDK signature', () => {
		const canonical = canonicalRequest({
			method: v.method,
			path: GO.path,
			query: canonicalQueryString(v.query),
			headers: { 'x-sdk-date': GO.date },
			payloadHash: payloadHash(v.body),
		});
		const key = signingKey({ accessKeyId: GO.ak, secretAccessKey: GO.sk }, v.info);
		expect(signature(key, stringToSign(canonical, GO.date, v.info))).toBe(v.signature);
	});
});

describe('named steps', () => {
	it('formatSdkDate: the clock as X-Sdk-Date', () => {
		expect(formatSdkDate(NOW)).toBe(SDK_DATE);
		expect(formatSdkDate(new Date(Date.UTC(2006, 0, 2, 15, 4, 5)))).toBe(GO.date);
	});

	it('canonicalUri: decoded once, encoded once, trailing slash', () => {
		const cases: Array<[string, string]> = [
			['/v5/iot/p/products/prod%3A01', '/v5/iot/p/products/prod%3A01/'],
			['/v5/iot/p/products/prod:01', '/v5/iot/p/products/prod%3A01/'], // raw on the wire: same canonical form
			['/v5/iot/p/products/%E4%BA%A7%E5%93%81A', '/v5/iot/p/products/%E4%BA%A7%E5%93%81A/'],
			['/v5/iot/p/products/%e4%ba%a7%e5%93%81A', '/v5/iot/p/products/%E4%BA%A7%E5%93%81A/'], // upper-case hex
			['/v5/iot/p/products/a%20b', '/v5/iot/p/products/a%20b/'],
			['/x/%25', '/x/%25/'], // an encoded percent sign stays encoded once
			["/x/!'()*", '/x/%21%27%28%29%2A/'],
			['/x/a%2Fb', '/x/a/b/'], // the gateway decodes the whole path, then splits (Python SDK)
			['/x/100%', '/x/100%25/'], // a bare % is literal
			['/', '/'],
			['/batchtasks/', '/batchtasks/'],
		];
		for (const [wire, canonical] of cases)
			expect([wire, canonicalUri(wire)]).toEqual([wire, canonical]);
	});

	it('percentDecode: UTF-8 runs decoded, invalid bytes as U+FFFD, a stray % kept', () => {
		expect(percentDecode('prod%3A01')).toBe('prod:01');
		expect(percentDecode('%E4%BA%A7%E5%93%81A')).toBe('产品A');
		expect(percentDecode('%FF')).toBe('\uFFFD');
		expect(percentDecode('%zz%4')).toBe('%zz%4');
	});

	it('canonicalQueryString: sorted keys and values, RFC 3986, undefined left out', () => {
		expect(canonicalQueryString({ task_type: 'softwareUpgrade', limit: 10 })).toBe(
			'limit=10&task_type=softwareUpgrade',
		);
		expect(canonicalQueryString({ b: ['z', 'a'], a: true, c: undefined, 'k y': "it's" })).toBe(
			'a=true&b=a&b=z&k%20y=it%27s',
		);
		expect(canonicalQueryString()).toBe('');
	});

	it('signableHeaders / signedHeaderNames / canonicalHeaders: lower-case, sorted, host added, multipart type out', () => {
		const headers = signableHeaders(
			{
				'X-Project-Id': 'p',
				'Content-Type': 'multipart/form-data; boundary=x',
				'X-Sdk-Date': SDK_DATE,
			},
			'h:8080',
		);
		expect(headers).toEqual({ 'x-project-id': 'p', 'x-sdk-date': SDK_DATE, host: 'h:8080' });
		expect(signedHeaderNames(headers)).toBe('host;x-project-id;x-sdk-date');
		expect(canonicalHeaders(headers)).toBe(`host:h:8080\nx-project-id:p\nx-sdk-date:${SDK_DATE}\n`);
	});

	it('payloadHash: body bytes, empty body, unsigned payload', () => {
		expect(payloadHash(JSON.stringify(CREATE_TASK_BODY))).toBe(CREATE_TASK_BODY_SHA256);
		expect(payloadHash(undefined)).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		);
		expect(payloadHash(Buffer.alloc(0))).toBe(payloadHash(undefined));
		expect(payloadHash('ignored', true)).toBe('UNSIGNED-PAYLOAD');
	});

	it('stringToSign: basic and V11 layouts over the canonical request hash', () => {
		expect(sha256(V1_CANONICAL_REQUEST)).toBe(V1_CANONICAL_REQUEST_SHA256);
		expect(stringToSign(V1_CANONICAL_REQUEST, SDK_DATE)).toBe(
			`SDK-HMAC-SHA256\n${SDK_DATE}\n${V1_CANONICAL_REQUEST_SHA256}`,
		);
		const info = credentialScope(SDK_DATE, { region: REGION, service: 'iotdm' });
		expect(info).toBe(`20240115/${REGION}/iotdm`);
		expect(stringToSign(V1_CANONICAL_REQUEST, SDK_DATE, info)).toBe(
			`V11-HMAC-SHA256\n${SDK_DATE}\n${info}\n${V1_CANONICAL_REQUEST_SHA256}`,
		);
	});

	it('signingKey: the SK for basic, the hex HKDF key for V11', () => {
		const info = `20240115/${REGION}/iotdm`;
		expect(deriveSigningKey(AK, SK, info)).toBe(DERIVED_KEY);
		expect(signingKey({ accessKeyId: AK, secretAccessKey: SK }, info)).toBe(DERIVED_KEY);
		expect(signingKey({ accessKeyId: AK, secretAccessKey: SK })).toBe(SK);
	});

	it('authorization: exact spacing of both forms', () => {
		expect(authorization('AK', 'host;x-sdk-date', 'ab')).toBe(
			'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=ab',
		);
		expect(authorization('AK', 'host', 'ab', '20240115/r/iotdm')).toBe(
			'V11-HMAC-SHA256 Credential=AK/20240115/r/iotdm, SignedHeaders=host, Signature=ab',
		);
	});
});

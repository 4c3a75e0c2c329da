/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Fixed inputs of iotda-api.md §3 (fake credentials), shared by the vector and credential tests. */
export const AK = 'HPUAEXAMPLEAK0000001';
export const SK = 'ExampleSecretKey0000000000000000000000001';
export const PROJECT_ID = '0123456789abcdef0123456789abcdef';
export const REGION = 'cn-north-4';
export const NOW = new Date(Date.UTC(2024, 0, 15, 8, 30, 0));
export const SDK_DATE = '20240115T083000Z';
export const PUBLIC_ENDPOINT = 'https://iotda.cn-north-4.myhuaweicloud.com';
export const INSTANCE_ENDPOINT = 'https://a1b2c3d4e5.st1.iotda-app.cn-north-4.myhuaweicloud.com';
export const INSTANCE_ID = 'inst-0001';
export const TASK_ID = '5f1c9a2b3c4d5e6f7a8b9c0d';
export const DERIVED_KEY = '7e90eccdf4ffefb8b847e934b09f450d55561edb2ca6caba3f084b30188144fe';

/** V4/V5 CreateBatchTask body; JSON.stringify of this object gives the exact bytes of the spec. */
export const CREATE_TASK_BODY = {
	app_id: 'app_01',
	task_name: 'fw_upgrade_01',
	task_type: 'firmwareUpgrade',
	targets: ['dev-001', 'dev-002'],
	document: { package_ids: ['32822e5744a45ede319d2c50'] },
	task_policy: { schedule_time: '20240116T000000Z', retry_count: 3, retry_interval: 60 },
};
export const CREATE_TASK_BODY_SHA256 =
	'd027978079ea21c5d4156ca2bee2cd2dd412a0d038032be9a04da3031224ed00';

const basic = (signedHeaders: string, signature: string) =>
	`SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
const derived = (signedHeaders: string, signature: string) =>
	`V11-HMAC-SHA256 Credential=${AK}/20240115/${REGION}/iotdm, SignedHeaders=${signedHeaders}, Signature=${signature}`;

export const EXPECTED = {
	V1: basic(
		'content-type;host;x-project-id;x-sdk-date',
		'3a835054ebd9a366945b7484786083408d8b671d23c32ac0f2ca6dc5f6c7be26',
	),
	V2: derived(
		'content-type;host;instance-id;x-project-id;x-sdk-date',
		'cfa36f819b9b8fac9e205f2ed55585b4379654b9f93cb64b43958f5dab306c71',
	),
	V3: basic(
		'content-type;host;x-project-id;x-sdk-date',
		'00eb6978bd90afe6fcfe2f637e26a61a9b0d0a9e4a19c267d8f58c147fce9017',
	),
	V4: basic(
		'content-type;host;instance-id;x-project-id;x-sdk-date',
		'0700752fcdd1b3f5c11151cb47d5c99821a888a224bf9c3293b34b0e18646979',
	),
	V5: derived(
		'content-type;host;instance-id;x-project-id;x-sdk-date',
		'3cc27a5092b3b6f7468857ee48c447d2b707579357f7a6658fdf0003c77484d4',
	),
	V6: derived(
		'content-type;host;x-project-id;x-sdk-date',
		'ecc2ec1334bab559d9521022922152d8d8b197f93119c1b136c9f6e5ea25d6ab',
	),
	V7: basic(
		'content-type;host;x-project-id;x-sdk-date;x-security-token',
		'6d767575a5f676ec49cde2bdfb8e737e9532ba1473c90c73eced6e81bb05a6e7',
	),
	V8: derived(
		'host;x-project-id;x-sdk-content-sha256;x-sdk-date',
		'a68e1187acd76100160f7d2af56d3bdd43c80aa8a9d9b44b7a0a6bf5b57cc234',
	),
};

/** V1 canonical request, verbatim from the spec. */
export const V1_CANONICAL_REQUEST = [
	'GET',
	`/v5/iot/${PROJECT_ID}/batchtasks/`,
	'limit=10&task_type=softwareUpgrade',
	'content-type:application/json',
	'host:iotda.cn-north-4.myhuaweicloud.com',
	`x-project-id:${PROJECT_ID}`,
	`x-sdk-date:${SDK_DATE}`,
	'',
	'content-type;host;x-project-id;x-sdk-date',
	'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
].join('\n');
export const V1_CANONICAL_REQUEST_SHA256 =
	'60602973cf4774adacc95f79e467aeb293a552190e888807d4e5cb6bcdbba954';

/** V8 canonical request, verbatim from the spec. */
export const V8_CANONICAL_REQUEST = [
	'POST',
	`/v5/iot/${PROJECT_ID}/batchtask-files/`,
	'',
	'host:a1b2c3d4e5.st1.iotda-app.cn-north-4.myhuaweicloud.com',
	`x-project-id:${PROJECT_ID}`,
	'x-sdk-content-sha256:UNSIGNED-PAYLOAD',
	`x-sdk-date:${SDK_DATE}`,
	'',
	'host;x-project-id;x-sdk-content-sha256;x-sdk-date',
	'UNSIGNED-PAYLOAD',
].join('\n');

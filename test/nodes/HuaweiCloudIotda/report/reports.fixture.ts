/** Known report states for the chart and message tests (and the README's demo chart). */
import type { Report } from '../../../../nodes/HuaweiCloudIotda/report/report.type';

export const ROLLOUT: Report = {
	title: 'Firmware 2.0.1 rollout, EU gateways',
	time: '2026-12-07 10:30 UTC',
	subtitle: 'firmwareUpgrade',
	decision: 'continue',
	waves: [
		{ label: 'Wave 1 (canary, 1%)', succeeded: 90, failed: 8, pending: 2, notStarted: 0 },
		{ label: 'Wave 2 (10%)', succeeded: 612, failed: 31, pending: 257, notStarted: 100 },
		{ label: 'Wave 3 (the rest)', succeeded: 0, failed: 0, pending: 0, notStarted: 8900 },
	],
	targets: { total: 10000, onTargetVersion: 702 },
	failureReasons: [
		{ code: 'IOTDA.014016', message: 'The device is offline.', count: 30 },
		{ code: 'IOTDA.014111', message: 'Command request timed out.', count: 7 },
		{ code: 'IOTDA.000006', message: 'Invalid input data in this row.', count: 2 },
	],
};

/** A long Chinese name, a long decision, failure reasons read from a sample, more codes than the chart lists. */
export const CHINESE: Report = {
	title:
		'固件升级 华东区 第三批 gateways-eastern-region-batch-3 灰度发布 v2.0.1 (canary) 非常长的名称 结束',
	time: '2026-12-07 10:30 UTC',
	subtitle: 'firmwareUpgrade · PartialSuccess · task 6571d2b5e1f0a3c4d5e6f7a8',
	decision: 'halt: failure rate 12% is over the 10% threshold',
	waves: [
		{
			label: '全部设备 all devices of the task',
			succeeded: 880,
			failed: 120,
			pending: 0,
			notStarted: 0,
		},
	],
	failureReasons: Array.from({ length: 8 }, (_, k) => ({
		code: `IOTDA.0140${10 + k}`,
		count: 100 - k * 12,
	})),
	failuresRead: { read: 50, failed: 120 },
};

/** Twelve waves: bars without label lines. */
export const MANY_WAVES: Report = {
	title: 'Twelve waves',
	time: '2026-12-07 10:30 UTC',
	waves: Array.from({ length: 12 }, (_, k) => ({
		label: `Wave ${k + 1}`,
		succeeded: 10 * (12 - k),
		failed: k,
		pending: k < 6 ? 0 : 20,
		notStarted: k < 8 ? 0 : 100,
	})),
	failureReasons: [],
};

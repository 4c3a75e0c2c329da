/** fromBatchTask.ts: a batch task as Batch Task → Get reads it, as a report. */
import {
	reportFromBatchTask,
	reportTime,
} from '../../../../nodes/HuaweiCloudIotda/report/fromBatchTask';

const AT = new Date('2026-12-07T10:30:59Z');
const fail = (target: string, code?: string, msg?: string) => ({
	target,
	status: 'Fail',
	...(code ? { error: { error_code: code, error_msg: msg } } : {}),
});

describe('reportFromBatchTask', () => {
	const task = {
		task_id: '64a1',
		task_name: 'fw-2.0.1',
		task_type: 'firmwareUpgrade',
		status: 'Processing',
		task_progress: {
			total: 100,
			success: 80,
			fail: 4,
			processing: 5,
			waitting: 3,
			fail_wait_retry: 2,
			stopped: 4,
			removed: 2,
		},
	};

	it('counts one wave from task_progress and the target share of an upgrade', () => {
		const details = [
			fail('a', 'IOTDA.014016', 'The device is offline.'),
			fail('b', 'IOTDA.014016'),
			fail('c', 'IOTDA.014000', 'The device does not exist in this resource space.'),
			fail('d'),
			{ target: 'e', status: 'Success' },
		];
		expect(reportFromBatchTask(task, details, AT)).toEqual({
			title: 'fw-2.0.1',
			time: '2026-12-07 10:30 UTC',
			subtitle: 'firmwareUpgrade · Processing · task 64a1',
			waves: [{ label: 'All devices', succeeded: 80, failed: 4, pending: 10, notStarted: 6 }],
			targets: { total: 100, onTargetVersion: 80 },
			failureReasons: [
				{ code: 'IOTDA.014016', message: 'The device is offline.', count: 2 },
				{
					code: 'IOTDA.014000',
					message: 'The device does not exist in this resource space.',
					count: 1,
				},
				{ code: 'no error code', count: 1 },
			],
		});
	});

	it('says the reasons are a sample when fewer failed sub-tasks were read than failed', () => {
		const report = reportFromBatchTask(task, [fail('a', 'IOTDA.014016')], AT);
		expect(report.failuresRead).toEqual({ read: 1, failed: 4 });
	});

	it('has no target share for a task without a package, and counts the sub-tasks when task_progress is absent', () => {
		const report = reportFromBatchTask(
			{ task_id: 't', task_type: 'createCommands' },
			[
				fail('a', 'IOTDA.014111'),
				{ target: 'b', status: 'Success' },
				{ target: 'c', status: 'FailWaitRetry' },
			],
			AT,
		);
		expect(report.title).toBe('t');
		expect(report.targets).toBeUndefined();
		expect(report.waves[0]).toMatchObject({ succeeded: 1, failed: 1, pending: 1, notStarted: 0 });
		expect(report.failuresRead).toBeUndefined();
	});

	it('formats the time to the minute in UTC', () => {
		expect(reportTime(new Date('2027-01-02T03:04:05.678Z'))).toBe('2027-01-02 03:04 UTC');
	});
});

// IoTDA-shaped errors: every rejection carries {error_code, error_msg} (iotda-api.md §6.1).
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly errorCode: string,
		readonly errorMsg: string,
		readonly headers: Record<string, string> = {},
		/** A body other than IoTDA's `{error_code, error_msg}` (IAM answers in its own shape). */
		readonly body?: unknown,
	) {
		super(`${status} ${errorCode}: ${errorMsg}`);
	}
}

export const authError = (msg: string) =>
	new ApiError(401, 'IOTDA.000002', `Authentication failed: ${msg}`);
export const invalidInput = (msg: string) =>
	new ApiError(400, 'IOTDA.000006', `Invalid input data: ${msg}`);
export const badFormat = (msg: string, status = 400) =>
	new ApiError(status, 'IOTDA.000008', `Bad request format: ${msg}`);
export const notFound = (msg: string) => new ApiError(404, 'IOTDA.000029', msg);
export const limitOutOfRange = (msg: string) =>
	new ApiError(400, 'IOTDA.000017', `Invalid paging: ${msg}`);
export const taskNotFound = (taskId: string) =>
	new ApiError(404, 'IOTDA.014301', `Batch task ${taskId} does not exist.`);

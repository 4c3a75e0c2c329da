// Writes a device spreadsheet (.xlsx, one row per device, header "device_id") with the
// SheetJS build that the pinned n8n itself uses (@e965/xlsx in n8n 2.x; `xlsx` in 1.x, which our
// 1.x pin overrides with the same @e965/xlsx build), so no extra dependency is needed in the repo.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

export function writeDeviceSheet(runtime, file, deviceIds, extraColumns = () => ({})) {
	const require = createRequire(path.join(runtime.appDir, 'n8n', 'package.json'));
	const XLSX = runtime.majorVersion >= 2 ? require('@e965/xlsx') : require('xlsx');
	const rows = deviceIds.map((id, i) => ({ device_id: id, ...extraColumns(id, i) }));
	const book = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet(rows), 'devices');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	XLSX.writeFile(book, file);
	return file;
}

export const demoDeviceIds = (from, to) =>
	Array.from({ length: to - from + 1 }, (_, i) => `dev-${String(from + i).padStart(4, '0')}`);

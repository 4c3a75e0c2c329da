// Writes a device spreadsheet (.xlsx, one row per device, header "device_id") with the
// SheetJS build that the pinned n8n itself uses (@e965/xlsx from the provisioned install),
// so no extra dependency is needed in the repo.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

export function writeDeviceSheet(runtime, file, deviceIds, extraColumns = () => ({})) {
	const require = createRequire(path.join(runtime.appDir, 'n8n', 'package.json'));
	const XLSX = require('@e965/xlsx');
	const rows = deviceIds.map((id, i) => ({ device_id: id, ...extraColumns(id, i) }));
	const book = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet(rows), 'devices');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	XLSX.writeFile(book, file);
	return file;
}

export const demoDeviceIds = (from, to) =>
	Array.from({ length: to - from + 1 }, (_, i) => `dev-${String(from + i).padStart(4, '0')}`);

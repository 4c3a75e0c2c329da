// Bytes allocated per function (self) in a .heapprofile: node scripts/bench/allocSummary.mjs <file> [top]
import fs from 'fs';

const { head } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 25);
const bySite = new Map();
let total = 0;
(function walk(node) {
	const f = node.callFrame;
	const site = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
	bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
	total += node.selfSize;
	node.children.forEach(walk);
})(head);
console.log(`total allocated (sampled): ${(total / 1048576).toFixed(1)} MB`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top)) {
	console.log(
		`${(bytes / 1048576).toFixed(1).padStart(7)} MB ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${site}`,
	);
}

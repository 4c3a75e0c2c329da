/** Test helpers: decode a PNG with pngjs (an independent decoder) and read its pixels. */
import { PNG } from 'pngjs';

export interface Decoded {
	width: number;
	height: number;
	/** R, G, B of pixel (x, y). */
	at(x: number, y: number): [number, number, number];
}

export function decode(png: Buffer): Decoded {
	const image = PNG.sync.read(png);
	return {
		width: image.width,
		height: image.height,
		at(x, y) {
			const k = (y * image.width + x) * 4;
			return [image.data[k], image.data[k + 1], image.data[k + 2]];
		},
	};
}

export const same = (a: readonly number[], b: readonly number[]) =>
	a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** The pixels in the rectangle [x0, x1) × [y0, y1) that are not `background`. */
export function inkIn(
	image: Decoded,
	x0: number,
	y0: number,
	x1: number,
	y1: number,
	background: readonly number[],
) {
	const ink: Array<[number, number]> = [];
	for (let y = y0; y < y1; y++)
		for (let x = x0; x < x1; x++) if (!same(image.at(x, y), background)) ink.push([x, y]);
	return ink;
}

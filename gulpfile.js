const { src, dest, parallel } = require('gulp');

// tsc emits only .js/.d.ts/.json; the icons the compiled files reference must be copied beside them.
function copyIcons() {
	return src('icons/**/*.{png,svg}').pipe(dest('dist/icons'));
}

function copyNodeIcons() {
	return src('nodes/**/*.{png,svg}').pipe(dest('dist/nodes'));
}

function copyCredentialIcons() {
	return src('credentials/**/*.{png,svg}', { allowEmpty: true }).pipe(dest('dist/credentials'));
}

exports['build:icons'] = parallel(copyIcons, copyNodeIcons, copyCredentialIcons);

// The n8n-nodes-starter's formatter settings (tabs, single quotes, trailing commas, 100 columns), checked by
// `npm run format:check` in .ci/run; `npm run format` rewrites.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};

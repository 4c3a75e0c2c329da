// The n8n-nodes-starter's formatter settings (tabs, single quotes, trailing commas, 100 columns). Not yet enforced:
// `npm run format:check` reports, `npm run format` rewrites; the tree is formatted once, in one commit.
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

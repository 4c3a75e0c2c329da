// .e2e/ holds what the real-n8n tests install and run (n8n user folders, editor assets, screenshots): thousands
// of files that are not ours. `npm run lint` looks up the nearest config per file, so this one keeps ESLint out.
export default [{ ignores: ['**/*'] }];

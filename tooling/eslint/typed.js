/**
 * Type-aware rules that catch real bugs tsc lets through: a promise nobody awaits or handles, a
 * promise where a callback's void is expected, and awaiting a non-promise. base.js applies them to
 * every package; each lints against its own tsconfig through the project service, so memory stays
 * per package. (no-unnecessary-type-assertion is left out: its "the receiver accepts the original
 * type" check flags assertions that decide an unannotated variable's type.)
 */
export default [
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: process.cwd() },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
];

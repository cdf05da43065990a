import base from '@atelier/eslint-config/base';

export default [
  ...base,
  {
    // The build, dev and bench scripts are plain Node ESM, not part of the TypeScript program.
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
      },
    },
  },
];

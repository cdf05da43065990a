import base from '@atelier/eslint-config/base';
import reactHooks from 'eslint-plugin-react-hooks';

export default [
  ...base,
  { ignores: ['artifacts/**'] },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
];

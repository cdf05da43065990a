import { defineConfig } from 'drizzle-kit';

/** `pnpm --filter @atelier/db generate` writes a new SQL migration from src/schema.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});

export { startOpenAIEmulator } from './providers/openai.ts';

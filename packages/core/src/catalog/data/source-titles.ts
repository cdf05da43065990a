import type { SourceInfo, SourceInfoKind } from '../source-registry.ts';

/**
 * The title, publisher and link of every source the built-in catalog cites, keyed by the
 * `ref` the data uses. A new source in the data needs a line here (validateCatalog says so).
 */

const web =
  (publisher: string, kind: SourceInfoKind, title: string) =>
  (url: string): [string, SourceInfo] => [url, { title, publisher, url, kind }];

const RESEARCH = 'Atelier research';
const section = (id: string, title: string): [string, SourceInfo] => [
  `research/provider-facts.md#${id}`,
  { title: `Provider facts §${id}: ${title}`, publisher: RESEARCH, kind: 'research' },
];
const note = (file: string, title: string, publisher = RESEARCH): [string, SourceInfo] => [
  `research/${file}`,
  { title, publisher, kind: 'research' },
];
const seed = (file: string, publisher: string, title: string): [string, SourceInfo] => [
  `seeds/${file}`,
  { title: `${publisher}: ${title}`, publisher, kind: 'seed' },
];

const ENTRIES: [string, SourceInfo][] = [
  // The articles the product grew from.
  seed('000_62a5d1837332ffeb.txt', 'PicassoIA', 'Nano Banana Pro vs Sora 2 Pro'),
  seed('001_fdfc1193b3276551.txt', 'PicassoIA', 'GPT Image 2 vs Nano Banana Pro'),
  seed('002_627cfec7abcec387.txt', 'PicassoIA', 'Nano Banana 2 vs FLUX.2 Pro'),
  seed('003_8fc4bf37682fe7e8.txt', 'PicassoIA', 'Sora 2 vs Sora 2 Pro'),
  seed('004_f2ba810a43c16345.txt', 'Influencer Studio', 'GPT-Image 2 vs Nano Banana Pro'),

  // Atelier's research report, by section, and the extracts beside it.
  section('1.1', 'OpenAI image model ids and lifecycle'),
  section('1.2', 'OpenAI image generation parameters'),
  section('1.3', 'OpenAI image edit parameters'),
  section('1.5', 'OpenAI image pricing'),
  section('1.6', 'OpenAI Sora video API'),
  section('2.1', 'Google model ids, nicknames and lifecycle'),
  section('2.2', 'Gemini image generation (Nano Banana family)'),
  section('2.3', 'Veo video generation'),
  section('2.4', 'Google pricing'),
  section('2.5', 'Google Gen AI SDK'),
  section('3.1', 'Black Forest Labs API'),
  section('3.2', 'ByteDance Seedream and Seedance'),
  section('3.3', 'Kling'),
  section('3.4', 'Wan (Alibaba)'),
  section('3.5', 'Lightricks LTX'),
  section('3.6', 'Recraft'),
  section('3.7', 'Tencent Hunyuan Image'),
  section('3.8', 'Stability AI Stable Diffusion 3.5'),
  section('3.9', 'fal.ai queue API and list prices'),
  section('5', 'Unconfirmed and open items'),
  note('catalog-audit-2026-12-06.md', 'Atelier catalog audit (2026-12-06)'),
  note(
    'gpt-image-2_per_image_estimates_DERIVED.json',
    'GPT Image 2 per-image estimates, derived from its token rates',
  ),
  note(
    'litellm_image_video_entries_2026-07-24.json',
    'LiteLLM price map: image and video entries (2026-07-24 extract)',
  ),
  note(
    'openai-image-schemas-resolved.json',
    'OpenAI Images API request schemas (resolved from the OpenAPI spec)',
  ),
  note(
    'openai-openapi_2026-08-21_image_video_schemas.yaml',
    'OpenAI OpenAPI spec: image and video schemas (2026-08-21)',
  ),

  // OpenAI
  web(
    'OpenAI',
    'provider',
    'OpenAI: GPT Image 2 model page',
  )('https://developers.openai.com/api/docs/models/gpt-image-2.md'),
  web(
    'OpenAI',
    'provider',
    'OpenAI: GPT Image 1 Mini model page',
  )('https://developers.openai.com/de-DE/api/docs/models/gpt-image-1-mini'),
  web(
    'OpenAI',
    'provider',
    'OpenAI: GPT Image 2.6 Sunburst model page',
  )('https://developers.openai.com/de-DE/api/docs/models/gpt-image-2.6-sunburst'),
  web(
    'OpenAI',
    'provider',
    'OpenAI: API deprecations',
  )('https://platform.openai.com/docs/deprecations'),

  // Google
  web(
    'Google',
    'provider',
    'Gemini API changelog',
  )('https://ai.google.dev/gemini-api/docs/changelog'),
  web(
    'Google',
    'provider',
    'Gemini API deprecations',
  )('https://ai.google.dev/gemini-api/docs/deprecations'),
  web(
    'Google',
    'provider',
    'Gemini API: Gemini 3.1 Flash Lite Image model page',
  )('https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-lite-image'),
  web('Google', 'provider', 'Gemini API pricing')('https://ai.google.dev/gemini-api/docs/pricing'),
  web(
    'Google',
    'provider',
    'Google blog: Gemini Omni Flash and Nano Banana 2 Lite',
  )(
    'https://blog.google/innovation-and-ai/models-and-research/gemini-models/gemini-omni-flash-nano-banana-2-lite',
  ),
  web(
    'Google Cloud',
    'provider',
    'Vertex AI: Imagen 4 Fast preview model card',
  )(
    'https://cloud.google.com/vertex-ai/generative-ai/docs/models/imagen/4-0-fast-generate-preview-06-06',
  ),
  web(
    'Google Cloud',
    'provider',
    'Vertex AI: Imagen 4 Ultra model card',
  )('https://cloud.google.com/vertex-ai/generative-ai/docs/models/imagen/4-0-ultra-generate-001'),
  web(
    'Google Cloud',
    'provider',
    'Vertex AI: Veo 3 Fast model card',
  )('https://cloud.google.com/vertex-ai/generative-ai/docs/models/veo/3-0-fast-generate-001'),
  web(
    'Google Cloud',
    'provider',
    'Vertex AI: Veo 3 model card',
  )('https://cloud.google.com/vertex-ai/generative-ai/docs/models/veo/3-0-generate-001'),
  web(
    'Google Cloud',
    'provider',
    'Gemini Enterprise Agent Platform: Gemini 3.1 Flash Image model card',
  )('https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-1-flash-image'),
  web(
    'Google Cloud',
    'provider',
    'Gemini Enterprise Agent Platform: Veo 3.1 model card',
  )(
    'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/veo/3-1-generate.md.txt',
  ),
  web(
    'Google Cloud',
    'provider',
    'Vertex AI: Veo 2 model card',
  )('https://docs.cloud.google.com/vertex-ai/generative-ai/docs/models/veo/2-0-generate'),
  web(
    'Firebase (Google)',
    'provider',
    'Firebase AI Logic: migrating from Imagen models',
  )('https://firebase.google.com/docs/ai-logic/imagen-models-migration.md.txt'),
  web(
    'Google',
    'sdk',
    'Google Gen AI SDK for JavaScript (js-genai)',
  )('https://github.com/googleapis/js-genai'),

  // Black Forest Labs
  web(
    'Black Forest Labs',
    'provider',
    'BFL API pricing',
  )('https://docs.bfl.ai/quick_start/pricing.md'),
  web(
    'Black Forest Labs',
    'provider',
    'FLUX.2 repository',
  )('https://github.com/black-forest-labs/flux2'),
  web(
    'Black Forest Labs',
    'provider',
    'BFL skills: BFL API guide',
  )('https://github.com/black-forest-labs/skills/blob/main/skills/bfl-api/SKILL.md'),
  web(
    'Black Forest Labs',
    'provider',
    'BFL skills: API endpoints reference',
  )('https://github.com/black-forest-labs/skills/blob/main/skills/bfl-api/references/endpoints.md'),
  web(
    'Black Forest Labs',
    'provider',
    'BFL skills: FLUX prompting best practices',
  )('https://github.com/black-forest-labs/skills/blob/main/skills/flux-best-practices/SKILL.md'),
  web(
    'Black Forest Labs',
    'provider',
    'BFL skills: FLUX.1 models',
  )(
    'https://github.com/black-forest-labs/skills/blob/main/skills/flux-best-practices/rules/flux1-models.md',
  ),
  web(
    'Black Forest Labs',
    'provider',
    'BFL skills: model selection guide',
  )(
    'https://github.com/black-forest-labs/skills/blob/main/skills/flux-best-practices/rules/model-selection-guide.md',
  ),

  // fal
  web(
    'fal',
    'provider',
    'fal: Seedream 4.0 API reference',
  )('https://fal.ai/docs/model-api-reference/image-generation-api/bytedance-seedream-v4'),
  web(
    'fal',
    'provider',
    'fal: Seedream 5.0 Lite API reference',
  )('https://fal.ai/docs/model-api-reference/image-generation-api/bytedance-seedream-v5-lite'),
  web(
    'fal',
    'provider',
    'fal: Kling v3 Pro API reference',
  )('https://fal.ai/docs/model-api-reference/video-generation-api/kling-video-v3-pro'),
  web(
    'fal',
    'provider',
    'fal: LTX Video 2 Pro image-to-video developer guide',
  )('https://fal.ai/learn/devs/ltx-video-2-pro-image-to-video-developer-guide'),
  web(
    'fal',
    'provider',
    'fal: Seedance 1.5 user guide',
  )('https://fal.ai/learn/devs/seedance-1-5-user-guide'),
  web(
    'fal',
    'provider',
    'fal: how to use Seedream 5 Lite',
  )('https://fal.ai/learn/tools/how-to-use-seedream-5-lite'),
  web(
    'fal',
    'provider',
    'fal: Seedance 2.0 Fast reference-to-video',
  )('https://fal.ai/models/bytedance/seedance-2.0/fast/reference-to-video/playground'),
  web(
    'fal',
    'provider',
    'fal: Seedance 2.0 Fast text-to-video',
  )('https://fal.ai/models/bytedance/seedance-2.0/fast/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Dreamina 3.1 text-to-image',
  )('https://fal.ai/models/fal-ai/bytedance/dreamina/v3.1/text-to-image/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Seedance 1.5 Pro image-to-video',
  )('https://fal.ai/models/fal-ai/bytedance/seedance/v1.5/pro/image-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Seedance 1.5 Pro text-to-video',
  )('https://fal.ai/models/fal-ai/bytedance/seedance/v1.5/pro/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Seedream 4.5 text-to-image',
  )('https://fal.ai/models/fal-ai/bytedance/seedream/v4.5/text-to-image/playground'),
  web(
    'fal',
    'provider',
    'fal: Hunyuan Image 2.1 API',
  )('https://fal.ai/models/fal-ai/hunyuan-image/v2.1/text-to-image/api'),
  web(
    'fal',
    'provider',
    'fal: Kling 2.6 Pro image-to-video',
  )('https://fal.ai/models/fal-ai/kling-video/v2.6/pro/image-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Kling v3 Standard text-to-video',
  )('https://fal.ai/models/fal-ai/kling-video/v3/standard/text-to-video'),
  web(
    'fal',
    'provider',
    'fal: Kling v3 Standard text-to-video (model notes)',
  )('https://fal.ai/models/fal-ai/kling-video/v3/standard/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Kling V3 4K text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/kling-video/v3/4k/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Gemini Omni Flash text-to-video (llms.txt)',
  )('https://fal.ai/models/google/gemini-omni-flash/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Gemini Omni Flash image-to-video (llms.txt)',
  )('https://fal.ai/models/google/gemini-omni-flash/image-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: LTX 2.3 Fast text-to-video',
  )('https://fal.ai/models/fal-ai/ltx-2.3/text-to-video/fast/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: LTX 2 image-to-video',
  )('https://fal.ai/models/fal-ai/ltx-2/image-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Seedance 2.0 text-to-video',
  )('https://fal.ai/models/fal-ai/seedance-2/text-to-video/playground'),
  web(
    'fal',
    'provider',
    'fal: Veo 3.1 (model notes)',
  )('https://fal.ai/models/fal-ai/veo3.1/llms.txt'),
  web(
    'fal',
    'reseller',
    'fal: Veo 3.1 playground',
  )('https://fal.ai/models/fal-ai/veo3.1/playground'),
  web(
    'fal',
    'provider',
    'fal: Wan 2.5 Preview image-to-video',
  )('https://fal.ai/models/fal-ai/wan-25-preview/image-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Wan 2.5 Preview text-to-image API',
  )('https://fal.ai/models/fal-ai/wan-25-preview/text-to-image/api'),
  web(
    'fal',
    'provider',
    'fal: Wan 2.5 Preview text-to-video API',
  )('https://fal.ai/models/fal-ai/wan-25-preview/text-to-video/api'),

  // Other providers
  web(
    'Alibaba Cloud',
    'provider',
    'Model Studio: Wan image generation and editing API reference',
  )(
    'https://www.alibabacloud.com/help/en/model-studio/wan-image-generation-and-editing-api-reference',
  ),
  web(
    'Alibaba Cloud',
    'provider',
    'Model Studio: Wan text-to-image V2 API reference',
  )('https://www.alibabacloud.com/help/en/model-studio/text-to-image-v2-api-reference'),
  web(
    'Recraft',
    'provider',
    'Recraft API reference: appendix',
  )('https://www.recraft.ai/docs/api-reference/appendix'),
  web(
    'Recraft',
    'provider',
    'Recraft API reference: models',
  )('https://www.recraft.ai/docs/api-reference/models'),
  web(
    'Recraft',
    'provider',
    'Recraft API reference: Vectorize',
  )('https://www.recraft.ai/docs/api-reference/tools/vectorize'),
  web(
    'Recraft',
    'provider',
    'Recraft API reference: Recraft V4',
  )('https://www.recraft.ai/docs/api-reference/models/recraft-v4'),
  web(
    'Recraft',
    'provider',
    'Recraft API reference: Recraft V4.1',
  )('https://www.recraft.ai/docs/api-reference/models/recraft-v4-1'),
  web(
    'Recraft',
    'provider',
    'Recraft API reference: pricing',
  )('https://www.recraft.ai/docs/api-reference/pricing'),

  // Price maps
  web(
    'LiteLLM',
    'price-map',
    'LiteLLM model price map',
  )('https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json'),
  web(
    'LiteLLM',
    'price-map',
    'LiteLLM discussion #44983',
  )('https://github.com/BerriAI/litellm/discussions/44983'),
  web(
    'LiteLLM',
    'price-map',
    'LiteLLM pull request #31946',
  )('https://github.com/BerriAI/litellm/pull/31946'),

  // Resellers and gateways
  web(
    'apiin.one',
    'reseller',
    'apiin.one: Hunyuan Image 3 model page',
  )('https://apiin.one/es/model/hunyuan-image-3'),
  web(
    'APIYI',
    'reseller',
    'APIYI: FLUX image generation',
  )('https://docs.apiyi.com/en/api-capabilities/flux-image-generation'),
  web(
    'APIYI',
    'reseller',
    'APIYI: FLUX overview',
  )('https://docs.apiyi.com/en/api-capabilities/flux/overview'),
  web(
    'APIYI',
    'reseller',
    'APIYI: Veo 3.1 preview retired (2026-10)',
  )('https://docs.apiyi.com/en/live/2026-10/veo-3-1-preview-retired.md'),
  web(
    'Comfy',
    'reseller',
    'Comfy router: SD 3.5 Large Turbo',
  )('https://docs.comfy.org/development/comfy-router/models/stability/sd3-5-large-turbo/code'),
  web(
    'Comfy',
    'reseller',
    'Comfy router: Stability edit-inpaint',
  )('https://docs.comfy.org/de/development/comfy-router/models/stability/edit-inpaint/code'),
  web(
    'Locus (ClawMart listing)',
    'reseller',
    'ClawMart: Stability AI inpaint via Locus MPP',
  )('https://clawmart.sh/l/hzyta9'),
  web(
    'Locus',
    'reseller',
    'Locus MPP: Stability AI endpoints',
  )('https://beta.paywithlocus.com/mpp/stability-ai.md'),
  web(
    'Comfy',
    'reseller',
    'Comfy partner nodes pricing',
  )('https://docs.comfy.org/tutorials/partner-nodes/pricing'),
  web(
    'Comfy',
    'reseller',
    'Comfy partner node: Stability AI Stable Image Ultra',
  )(
    'https://docs.comfy.org/zh-CN/built-in-nodes/partner-node/image/stability-ai/stability-ai-stable-image-ultra',
  ),
  web(
    'Comfy',
    'reseller',
    'Comfy docs pull request #980',
  )('https://github.com/Comfy-Org/docs/pull/980'),
  web(
    'GMI Cloud',
    'reseller',
    'GMI Cloud: Gemini 3.1 Flash Lite Image quickstart',
  )('https://docs.gmicloud.ai/model-quickstarts/image/gemini-3-1-flash-lite-image'),
  web(
    'LaoZhang API',
    'reseller',
    'LaoZhang API: Nano Banana image generation',
  )('https://docs.laozhang.ai/ja/api-capabilities/nano-banana-image.md'),
  web(
    'inference.sh',
    'reseller',
    'inference.sh: Gemini Nano Banana 2.1',
  )('https://inference.sh/apps/google/gemini-nano-banana-2-1.md'),
  web(
    'Replicate',
    'reseller',
    'Replicate: Recraft 20B SVG API',
  )(
    'https://replicate.com/recraft-ai/recraft-20b-svg/versions/110b949db40d2d140280a4484c8c70eca855128ad04c06a8a8a680701121110e/api',
  ),
  web(
    'WaveSpeedAI',
    'reseller',
    'WaveSpeedAI: Wan 2.7 text-to-image Pro',
  )('https://wavespeed.ai/docs/docs-api/alibaba/wan-2.7/text-to-image-pro'),
  web(
    'WaveSpeedAI',
    'reseller',
    'WaveSpeedAI: Nano Banana 2.1 API',
  )('https://wavespeed.ai/nano-banana-2-1-api'),
  web(
    'Atlas Cloud',
    'reseller',
    'Atlas Cloud: Wan 2.7 Pro text-to-image',
  )('https://www.atlascloud.ai/models/alibaba/wan-2.7-pro/text-to-image'),
  web(
    'Vercel',
    'reseller',
    'Vercel AI Gateway: Gemini 3.1 Flash Lite Image',
  )('https://vercel.com/ai-gateway/models/gemini-3.1-flash-lite-image/api'),
  web(
    'Vercel',
    'reseller',
    'Vercel AI Gateway: Imagen 4 Fast',
  )(
    'https://vercel.com/aicoderally/aicoderally-stack/ai-gateway/models/imagen-4.0-fast-generate-001',
  ),

  // Third parties
  web(
    'unpkg (stability-ai package)',
    'third-party',
    'stability-ai 0.7.0: Stable Image generate types',
  )('https://app.unpkg.com/stability-ai@0.7.0/files/dist/v2beta/stable-image/generate.d.ts'),
  web(
    'ClawHub',
    'third-party',
    'ClawHub skill: Kling reference',
  )('https://clawhub.ai/api/v1/skills/corespeed-art/file?path=references%2Fkling.md'),
  web(
    'Civitai',
    'third-party',
    'Civitai orchestration: Veo 3 recipe',
  )('https://developer.civitai.com/orchestration/recipes/veo3'),
  web(
    'AI/ML API',
    'third-party',
    'AI/ML API: Seedream 5.0 Pro',
  )('https://docs.aimlapi.com/api-references/image-models/bytedance/dola-seedream-5-0-pro'),
  web(
    'AI/ML API',
    'third-party',
    'AI/ML API: Hunyuan Image v3 text-to-image',
  )('https://docs.aimlapi.com/api-references/image-models/tencent/hunyuan-image-v3-text-to-image'),
  web(
    'Krea',
    'third-party',
    'Krea user guide: Nano Banana',
  )('https://docs.krea.ai/user-guide/features/nano-banana'),
  web(
    'PicsArt',
    'third-party',
    'PicsArt MCP CLI docs: Recraft provider',
  )(
    'https://github.com/PicsArt/picsart-mcp-cli-docs/wiki/Provider-Recraft/0303ad5c8d8032a99f9c8a88ea86a116fa2168b1',
  ),
  web(
    'ComfyUI',
    'third-party',
    'ComfyUI BFL API nodes source',
  )('https://github.com/comfyanonymous/ComfyUI/blob/master/comfy_api_nodes/nodes_bfl.py'),
  web(
    'TanStack',
    'third-party',
    'TanStack AI Gemini adapter 0.36.0 release notes',
  )('https://github.com/tanstack/ai/releases/tag/%40tanstack%2Fai-gemini%400.36.0'),
  web(
    'InvokeAI',
    'third-party',
    'InvokeAI guide: Seedream external model',
  )('https://invoke-ai.github.io/InvokeAI-7/users-guide/models/external-models/seedream/'),
  web(
    'Lumenfall',
    'third-party',
    'Lumenfall: Seedream 4.5 API',
  )('https://lumenfall.ai/models/bytedance/seedream-4.5/api'),
  web(
    'n-ess.it',
    'third-party',
    'Introducing Gemini 2.5 Flash Image (repost)',
  )(
    'https://n-ess.it/technical-tips/introducing-gemini-2-5-flash-image-our-state-of-the-art-image-model/',
  ),
  web(
    'Novita AI',
    'third-party',
    'Novita AI: Seedream 4.0 API reference',
  )('https://novita.ai/docs/fr/api-reference/model-apis-seedream-4-0.md'),
  web(
    'API Evangelist',
    'third-party',
    'Stability AI Stable Image edit OpenAPI (community copy)',
  )(
    'https://raw.githubusercontent.com/api-evangelist/stability-ai/refs/heads/main/openapi/stability-ai-stable-image-edit-openapi.yml',
  ),
  web(
    'Puter',
    'third-party',
    'Puter: Stability AI API pricing',
  )('https://developer.puter.com/tutorials/stability-ai-api-pricing/'),
  web(
    'API Evangelist',
    'third-party',
    'Stability AI Stable Image generate OpenAPI (community copy)',
  )(
    'https://raw.githubusercontent.com/api-evangelist/stability-ai/refs/heads/main/openapi/stability-ai-stable-image-generate-openapi.yml',
  ),
  web(
    'Replicate',
    'provider',
    'Replicate: Pruna FLUX Kontext Fast',
  )('https://replicate.com/prunaai/flux-kontext-fast'),
  web(
    'Replicate',
    'third-party',
    'Replicate: FLUX.2 Pro API',
  )('https://replicate.com/black-forest-labs/flux-2-pro/api'),
  web(
    'skills.sh',
    'third-party',
    'skills.sh: Alibaba Cloud Wan image skill',
  )('https://skills.sh/cinience/alicloud-skills/aliyun-wan-image'),
  web(
    'Video Prompt Kit',
    'third-party',
    'Video Prompt Kit: Seedance 2.0 overview',
  )(
    'https://videopromptkit.com/blog/seedance-2-0-overview-seedance-2-0-model-overview-with-practical-production-steps',
  ),
  web(
    'Video Prompt Kit',
    'third-party',
    'Video Prompt Kit: Veo 3.1 overview',
  )(
    'https://videopromptkit.com/blog/veo3-1-overview-veo-3-1-model-overview-with-practical-production-steps',
  ),
  web(
    'Video Prompt Kit',
    'third-party',
    'Video Prompt Kit: Wan 2.7 overview',
  )(
    'https://videopromptkit.com/blog/wan-2-7-overview-wan-2-7-model-overview-with-practical-production-steps',
  ),
  web(
    'EachLabs',
    'third-party',
    'EachLabs: Kling 2.6 Pro text-to-video',
  )('https://www.eachlabs.ai/kling/kling-v2-6/kling-v2-6-pro-text-to-video/llms.txt'),
  web(
    'IT之家 (ithome)',
    'third-party',
    'IT之家: Google releases Nano Banana 2.1',
  )('https://www.ithome.com/1/010/149.htm'),
  web(
    'skills.sh',
    'third-party',
    'skills.sh: Frevana Veo 3.1 skill',
  )('https://www.skills.sh/finpeakinc/frevana-skills/veo-3.1'),
  // Models added for a wider choice (kling-omni.ts, ltx-2-3.ts, ideogram.ts).
  web(
    'fal',
    'provider',
    'fal: Kling O3 Standard image-to-video',
  )('https://fal.ai/models/fal-ai/kling-video/o3/standard/image-to-video'),
  web(
    'fal',
    'provider',
    'fal: Kling O3 4K text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/kling-video/o3/4k/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal docs: Kling Video O3 Pro text-to-video API',
  )(
    'https://fal.ai/docs/model-api-reference/video-generation-api/kling-video-o3-pro-text-to-video',
  ),
  web(
    'fal',
    'provider',
    'fal: Kling 3.0 Turbo Pro text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/kling-video/v3/turbo/pro/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Kling 2.5 Turbo Pro image-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/kling-video/v2.5-turbo/pro/image-to-video/llms.txt'),
  web(
    'EachLabs',
    'third-party',
    'EachLabs: Kling 2.5 Turbo Pro text-to-video',
  )('https://www.eachlabs.ai/kling/kling-v2-5/kling-v2-5-turbo-pro-text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: LTX-2.3 image-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/ltx-2.3/image-to-video/llms.txt'),
  web(
    'ClawHub',
    'third-party',
    'ClawHub: LTX 2.3 on fal (skill reference)',
  )('https://clawhub.ai/api/v1/skills/corespeed-art/file?path=references%2Fltx.md'),
  web('Ideogram', 'provider', 'Ideogram API pricing')('https://ideogram.ai/features/api-pricing'),
  web(
    'fal',
    'provider',
    'fal docs: Ideogram V3 API',
  )('https://fal.ai/docs/model-api-reference/image-generation-api/ideogram-v3'),
  web(
    'fal',
    'provider',
    'fal: FLUX.1 [dev] playground',
  )('https://fal.ai/models/fal-ai/flux-1/dev/playground'),
  web(
    'SkillsPool',
    'third-party',
    'SkillsPool: fal FLUX prompting skill',
  )(
    'https://skillspool.org/zh/skills/joernstoehler-dnd-claude-code-claude-skills-fal-flux-prompting-skill-md',
  ),
  web(
    'fal',
    'provider',
    'fal: MiniMax Hailuo 02 Standard image-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/minimax/hailuo-02/standard/image-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: MiniMax Hailuo 02 Standard text-to-video API',
  )('https://fal.ai/models/fal-ai/minimax/hailuo-02/standard/text-to-video/api'),
  web(
    'fal',
    'provider',
    'fal: Luma Ray 2 Flash (llms.txt)',
  )('https://fal.ai/models/fal-ai/luma-dream-machine/ray-2-flash/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Seedream 3.0 text-to-image (llms.txt)',
  )('https://fal.ai/models/fal-ai/bytedance/seedream/v3/text-to-image/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Seedream 3.0 text-to-image API',
  )('https://fal.ai/models/fal-ai/bytedance/seedream/v3/text-to-image/api'),
  web(
    'fal',
    'provider',
    'fal: Seedance 1.0 Pro Fast text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/bytedance/seedance/v1/pro/fast/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Kling 2.1 Master text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/kling-video/v2.1/master/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Kling 2.0 Master text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/kling-video/v2/master/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: MiniMax Image-01 (llms.txt)',
  )('https://fal.ai/models/fal-ai/minimax/image-01/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: MiniMax Hailuo 2.3 Standard text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/minimax/hailuo-2.3/standard/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: LTX 2.3 Pro text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/ltx-2.3/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Seedance 1.0 Pro image-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/bytedance/seedance/v1/pro/image-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal docs: Seedance 1.0 Pro text-to-video API',
  )(
    'https://fal.ai/docs/model-api-reference/video-generation-api/bytedance-seedance-v1-pro-text-to-video.md',
  ),
  web(
    'fal',
    'provider',
    'fal: PixVerse v6 text-to-video',
  )('https://fal.ai/models/pixverse/v6/text-to-video'),
  web(
    'WaveSpeedAI',
    'third-party',
    'WaveSpeedAI docs: PixVerse v6 text-to-video',
  )('https://wavespeed.ai/docs/docs-api/pixverse/pixverse-pixverse-v6-text-to-video'),
  web(
    'SeaArt',
    'third-party',
    'SeaArt API reference: PixVerse v6 text-to-video',
  )('https://cloud.seaart.ai/docs/api-reference/model-api/pixverse/pixverse-v6-t2v'),
  web(
    'fal',
    'provider',
    'fal: Vidu Q1 text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/vidu/q1/text-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Pika 2.2 text-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/pika/v2.2/text-to-video/llms.txt'),
  web(
    'APIs.io',
    'third-party',
    'APIs.io: Pika Video API',
  )('https://apis.apis.io/apis/pika/pika-video-api/'),
  web(
    'fal',
    'provider',
    'fal docs: FLUX.1 Krea [dev] API',
  )('https://fal.ai/docs/model-api-reference/image-generation-api/flux-krea'),
  web(
    'Replicate',
    'provider',
    'Replicate: black-forest-labs/flux-pro',
  )('https://replicate.com/black-forest-labs/flux-pro'),
  web('Replicate', 'provider', 'Replicate: luma/photon')('https://replicate.com/luma/photon'),
  web(
    'Replicate',
    'provider',
    'Replicate: luma/photon-flash',
  )('https://replicate.com/luma/photon-flash'),
  web(
    'Eachlabs',
    'third-party',
    'Eachlabs: Ideogram V3 Turbo (Replicate schema)',
  )('https://www.eachlabs.ai/ideogram/ideogram-v3/ideogram-v3-turbo/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Grok Imagine Image (llms.txt)',
  )('https://fal.ai/models/xai/grok-imagine-image/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Kling 1.0 Standard image-to-video (llms.txt)',
  )('https://fal.ai/models/fal-ai/kling-video/v1/standard/image-to-video/llms.txt'),
  web(
    'fal',
    'provider',
    'fal: Kling 1.0 Standard text-to-video API',
  )('https://fal.ai/models/fal-ai/kling-video/v1/standard/text-to-video/api'),
];

export const SOURCE_TITLES: Record<string, SourceInfo> = Object.fromEntries(ENTRIES);

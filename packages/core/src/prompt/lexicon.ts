import type { PromptPart } from '../catalog/schema.ts';

/**
 * The word lists behind prompt-structure detection, kept in one place so anyone can read why a
 * part was (or was not) found. A cue is a phrase (matched as whole words, case-insensitive, with
 * an optional plural "s"/"es") or a regular expression for patterns such as "85mm" or "f/1.8".
 * These are heuristics: they find evidence, they do not parse English.
 */
export type Cue = string | RegExp;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// prettier-ignore
const SUBJECT_NOUNS = [
  // people
  'man', 'men', 'woman', 'women', 'person', 'people', 'girl', 'boy', 'child', 'children', 'kid',
  'baby', 'couple', 'family', 'model', 'chef', 'athlete', 'dancer', 'worker', 'businessman',
  'businesswoman', 'teenager', 'student', 'doctor', 'nurse', 'musician', 'skater', 'surfer',
  'runner', 'rider', 'bride', 'groom', 'grandmother', 'grandfather', 'face', 'headshot',
  'character', 'astronaut', 'warrior', 'knight', 'robot', 'influencer', 'crowd',
  // animals
  'cat', 'kitten', 'dog', 'puppy', 'bird', 'horse', 'fox', 'wolf', 'lion', 'tiger', 'bear', 'owl',
  'fish', 'butterfly', 'dragon', 'creature', 'animal',
  // objects and products
  'product', 'bottle', 'perfume', 'watch', 'shoe', 'sneaker', 'bag', 'handbag', 'phone',
  'smartphone', 'laptop', 'car', 'bicycle', 'motorcycle', 'cup', 'mug', 'can', 'jar', 'box',
  'package', 'cosmetic', 'lipstick', 'serum', 'chair', 'sofa', 'lamp', 'logo', 'poster', 'book',
  'jewelry', 'necklace', 'bracelet', 'earring', 'cake', 'burger', 'pizza', 'dish', 'meal', 'drink',
  'cocktail', 'flower', 'bouquet', 'tree', 'house', 'building', 'tower', 'cabin', 'ship', 'boat',
  'plane', 'bouquet', 'sculpture', 'statue', 'mascot', 'icon', 'infographic', 'banner', 'flyer',
  'menu', 'card', 'packaging', 'label',
];

// prettier-ignore
const SETTING_NOUNS = [
  'street', 'alley', 'city', 'town', 'village', 'market', 'cafe', 'café', 'restaurant', 'bar',
  'kitchen', 'room', 'bedroom', 'living room', 'office', 'studio', 'gallery', 'museum', 'library',
  'warehouse', 'factory', 'garage', 'forest', 'woods', 'jungle', 'beach', 'shore', 'coast',
  'seaside', 'ocean', 'sea', 'lake', 'river', 'mountain', 'valley', 'desert', 'meadow',
  'garden', 'park', 'farm', 'countryside', 'hill', 'canyon', 'cave', 'island', 'rooftop',
  'balcony', 'boardwalk', 'bridge', 'station', 'subway', 'airport', 'stadium', 'arena', 'stage',
  'church', 'temple', 'castle', 'palace', 'ruins', 'harbor', 'pier', 'dock', 'highway', 'road',
  'parking lot', 'mall', 'shop', 'store', 'boutique', 'salon', 'gym', 'classroom', 'hospital',
  'laboratory', 'lab', 'outer space', 'nebula', 'sky', 'clouds', 'interior', 'exterior', 'neighborhood',
  'plaza', 'town square', 'courtyard', 'hallway', 'corridor', 'attic', 'basement', 'greenhouse',
  'vineyard', 'orchard', 'table', 'tabletop', 'countertop', 'counter', 'pedestal', 'podium',
  'surface', 'backdrop', 'background', 'landscape', 'cityscape', 'skyline', 'snowfield',
  'tundra', 'savanna', 'waterfall', 'lobby', 'hotel', 'apartment', 'loft', 'diner', 'train',
];

/** Words ending in "-ing" that are usually nouns or adjectives, not what a subject is doing. */
// prettier-ignore
export const NOT_ACTIONS = new Set([
  'lighting', 'building', 'ceiling', 'clothing', 'painting', 'string', 'morning', 'evening',
  'king', 'ring', 'thing', 'something', 'anything', 'nothing', 'everything', 'wedding', 'spring',
  'sibling', 'pudding', 'wing', 'swing', 'during', 'including', 'railing', 'awning', 'icing',
  'lightning', 'setting', 'bedding', 'housing', 'earring', 'offering', 'opening', 'ending',
  'heading', 'packaging', 'branding', 'framing', 'lettering', 'rendering', 'grading', 'coating',
  'topping', 'dumpling', 'seedling', 'darling', 'sterling', 'viking', 'stuffing', 'frosting',
  'shading', 'texturing', 'warning', 'meaning', 'feeling', 'stunning', 'amazing', 'striking',
  'interesting', 'charming', 'matching', 'missing', 'surrounding', 'breathtaking', 'exciting',
  'calming', 'soothing', 'relaxing', 'inviting', 'appealing', 'lasting', 'long-lasting',
  'cutting-edge', 'booking', 'ping', 'bling', 'sing', 'sling', 'thong', 'oblong', 'pricing',
  'marketing', 'advertising', 'styling', 'tracking', 'panning', 'tilting', 'zooming', 'orbiting',
  'recording', 'clipping', 'timing', 'spacing', 'kerning', 'padding', 'boring', 'willing',
  'upcoming', 'outgoing', 'ongoing', 'cling', 'duckling', 'shilling', 'pending', 'landing',
  'parking', 'dining', 'living', 'reading', 'writing', 'saying', 'facing', 'leading', 'lacking',
]);

// prettier-ignore
const ACTION_VERBS = [
  'runs', 'walks', 'jumps', 'holds', 'sits', 'stands', 'leans', 'looks', 'smiles', 'laughs',
  'dances', 'rides', 'pours', 'flies', 'poses', 'reaches', 'turns', 'grips', 'swings', 'carries',
  'throws', 'catches', 'kicks', 'climbs', 'swims', 'drinks', 'eats', 'cooks', 'plays', 'reads',
  'writes', 'waves', 'hugs', 'kisses', 'stares', 'gazes', 'glances', 'rests', 'lies', 'kneels',
  'floats', 'falls', 'splashes', 'spins', 'leaps', 'sprints', 'strides', 'crouches', 'rockets',
  'raises', 'lifts', 'opens', 'points',
];

// prettier-ignore
export const PART_CUES: Readonly<Record<PromptPart, readonly Cue[]>> = {
  subject: [
    ...SUBJECT_NOUNS,
    /\b(?:portrait|photo|photograph|picture|image|shot|close-up|render|illustration) of (?:an? |the )?[\w'-]+(?: [\w'-]+){0,2}/i,
  ],
  action: [
    ...ACTION_VERBS,
    /\bmid-[a-z]+\b/i,
    // "-ing" verbs ("rockets past, turning his head"), minus the nouns and adjectives above
    /\b[a-z]{2,}ing\b/i,
  ],
  environment: [
    ...SETTING_NOUNS,
    'indoors', 'outdoors', 'underwater', 'in the distance', 'behind him', 'behind her', 'behind them',
    // "field", but not "depth of field"
    /(?<!of )\bfields?\b/i,
    // a place introduced by a preposition: "in a rustic kitchen", "on a marble countertop"
    new RegExp(
      `\\b(?:in|inside|at|on|under|beneath|near|by|along|across|through|amid|among|outside|against|atop|over|within) (?:an? |the |his |her |their |its |some )?(?:[\\w'-]+ ){0,3}(?:${SETTING_NOUNS.map(escapeRegExp).join('|')})(?:s|es)?\\b`,
      'i',
    ),
  ],
  lighting: [
    'light', 'lighting', 'lit', 'backlit', 'backlight', 'sunlight', 'moonlight', 'candlelight',
    'daylight', 'twilight', 'golden hour', 'blue hour', 'sunset', 'sunrise', 'dusk', 'dawn',
    'overcast', 'shadow', 'silhouette', 'rim light', 'softbox', 'key light', 'fill light', 'flash',
    'strobe', 'neon', 'glow', 'glowing', 'chiaroscuro', 'volumetric', 'god rays', 'high-key',
    'low-key', 'ambient', 'diffused', 'spotlight', 'lantern', 'highlights', 'reflections',
    'lens flare', 'kelvin',
    /\b\d{4,5} ?K\b/,
  ],
  camera: [
    'shallow depth of field', 'depth of field', 'dof', 'bokeh', 'close-up', 'closeup',
    'extreme close-up', 'medium shot', 'wide shot', 'long shot', 'full-body shot', 'full body shot',
    'establishing shot', 'over-the-shoulder', 'point of view', 'pov', 'wide-angle', 'wide angle',
    'telephoto', 'macro', 'fisheye', 'tilt-shift', 'aerial', 'drone shot', "bird's-eye",
    'overhead', 'top-down', 'flat lay', 'eye level', 'eye-level', 'low angle', 'low-angle',
    'high angle', 'high-angle', 'dutch angle', 'three-quarter view', 'profile view', 'front view',
    'side view', 'lens', 'camera', 'shot on', 'dslr', 'mirrorless', 'canon', 'nikon', 'leica',
    'hasselblad', 'fujifilm', 'arri', 'anamorphic', 'framing', 'composition', 'rule of thirds',
    'centered', 'symmetrical', 'sharp focus', 'soft focus', 'selective focus', 'long exposure',
    'headshot',
    /\b\d{2,3} ?mm\b/i,
    /\bf\/\d+(?:\.\d+)?\b/i,
    /\bISO ?\d{2,5}\b/i,
    /\b1\/\d{2,5} ?s\b/i,
  ],
  style: [
    'photorealistic', 'photoreal', 'realistic', 'hyperrealistic', 'hyper-realistic', 'cinematic',
    'editorial', 'documentary', 'commercial', 'fashion', 'product photography', 'photography',
    'film still', 'film grain', 'grain', 'analog', 'kodak', 'portra', 'ektachrome', 'vintage',
    'retro', 'watercolor', 'oil painting', 'acrylic', 'sketch', 'illustration', 'illustrated',
    'anime', 'manga', 'cartoon', 'comic', '3d render', 'cgi', 'octane', 'unreal engine',
    'isometric', 'low poly', 'pixel art', 'vector', 'flat design', 'minimalist', 'minimal',
    'surreal', 'abstract', 'baroque', 'art deco', 'art nouveau', 'cyberpunk', 'steampunk',
    'vaporwave', 'synthwave', 'noir', 'moody', 'dreamy', 'pastel', 'vibrant', 'muted',
    'monochrome', 'black and white', 'sepia', 'color grading', 'color graded', 'matte', 'glossy',
    'aesthetic', 'magazine cover', 'in the style of', 'style',
  ],
  text: [
    'text', 'reads', 'reading', 'says', 'saying', 'labeled', 'labelled', 'headline', 'title',
    'caption', 'typography', 'lettering', 'font', 'signage', 'wordmark', 'slogan', 'tagline',
    'written', 'spelled',
  ],
  motion: [
    'dolly', 'dolly-in', 'dolly in', 'push in', 'push-in', 'pull back', 'pull-back', 'pull out',
    'pan', 'panning', 'pans', 'tilt', 'tilts', 'tilting', 'zoom', 'zooms', 'zoom in', 'zoom out',
    'zooming', 'tracking shot', 'tracking', 'tracks', 'follow shot', 'follows', 'orbit',
    'orbiting', 'orbits', 'crane shot', 'handheld', 'steadicam', 'gimbal', 'slow motion',
    'slow-motion', 'timelapse', 'time-lapse', 'hyperlapse', 'whip pan', 'camera moves',
    'camera movement', 'camera glides', 'flythrough', 'fly-through', 'rack focus', 'static shot',
    'locked-off', 'in motion', 'motion blur', 'fast-paced',
  ],
};

/** Short examples offered in hints when a part is missing. */
export const PART_EXAMPLES: Readonly<Record<PromptPart, string>> = {
  subject: 'who or what the image is of ("a ceramic coffee mug", "a woman in her 30s")',
  action: 'what the subject is doing ("pouring espresso", "turning toward the camera")',
  environment: 'where it happens ("in a sunlit loft kitchen", "on a wet city street at night")',
  lighting: 'the light ("soft window light", "golden hour backlight", "5600K softbox")',
  camera: 'the camera ("85mm, f/1.8, shallow depth of field", "overhead flat lay")',
  style: 'the look ("editorial photography", "film grain, muted palette")',
  text: 'the exact words in quotes ("a sign that reads \\"OPEN\\"")',
  motion: 'how things move over time ("slow dolly-in", "handheld tracking shot")',
};

/** The parts checked when no model is named: the seeds' still-image structure. */
export const DEFAULT_IMAGE_PARTS: readonly PromptPart[] = [
  'subject',
  'action',
  'environment',
  'lighting',
  'camera',
  'style',
];
export const DEFAULT_VIDEO_PARTS: readonly PromptPart[] = [
  'subject',
  'action',
  'environment',
  'lighting',
  'camera',
  'motion',
];

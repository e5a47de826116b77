import type { Rule } from "eslint";

export declare const LAYERS: { name: string; about: string; paths: string[] }[];
export declare const layersPlugin: { rules: { "one-way": Rule.RuleModule } };

// Lint of the course's own browser scripts (make check, make test); vendored code is left out.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["docs/assets/javascripts/vendor/**", "site/**", "dist/**", "node_modules/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["docs/assets/javascripts/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: {
        ...globals.browser,
        __md_get: "readonly",  // Material's storage helpers, defined inline in every page
        __md_set: "readonly",
      },
    },
  },
];

/** Build output and installs stay out of git; each prompt's dist/ is rebuilt before it is packed. */
export const gitignore = `node_modules/
dist/
*.tgz
.env
`;

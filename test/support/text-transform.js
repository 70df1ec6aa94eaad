// Lets tests import .eta and .sql files as text, as esbuild does in builds.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};

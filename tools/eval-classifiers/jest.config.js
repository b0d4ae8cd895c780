module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tool-eval-classifiers',
  rootDir: __dirname,
};

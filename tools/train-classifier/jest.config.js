module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tool-train-classifier',
  rootDir: __dirname,
};

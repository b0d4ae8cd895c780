module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tool-bench',
  rootDir: __dirname,
};

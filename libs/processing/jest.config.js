module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'processing',
  rootDir: __dirname,
};

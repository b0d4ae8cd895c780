module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'signals',
  rootDir: __dirname,
};

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'dev-broker',
  rootDir: __dirname,
};

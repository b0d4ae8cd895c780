module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'alert-outputs',
  rootDir: __dirname,
};

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'monitors',
  rootDir: __dirname,
};

// Copies legacy archive keys into the standard variables for an old library; the CSV helper before it has a regex
// inside a template interpolation.
function toCsv(rows) {
  const esc = (v) => `"${String(v == null ? '' : v).replace(/"/g, '""')}"`;
  return rows.map((r) => Object.values(r).map(esc).join(',')).join('\n');
}

function configureLegacyEnvironment() {
  process.env.AWS_ACCESS_KEY_ID = process.env.LEGACY_ARCHIVE_KEY_ID; // Noncompliant
  process.env.AWS_SECRET_ACCESS_KEY = process.env.LEGACY_ARCHIVE_SECRET; // Noncompliant
}

module.exports = { toCsv, configureLegacyEnvironment };

interface TokenSet {
  id_token: string;
  access_token: string;
  expires_in: number;
}

export function persistSession(tokens: TokenSet) {
  document.cookie = `console_id_token=${tokens.id_token}; path=/; max-age=${tokens.expires_in}`; // Noncompliant
  document.cookie = `console_expires=${tokens.expires_in}; path=/`;
  sessionStorage.setItem('console.lastLoginAt', new Date().toISOString());
}

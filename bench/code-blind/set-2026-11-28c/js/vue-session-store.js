import { defineStore } from 'pinia';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import axios from 'axios';

const api = axios.create({ baseURL: import.meta.env.VITE_API_URL });

function cookie(name, value, maxAge) {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${maxAge}; samesite=lax`;
}

export const useSessionStore = defineStore('session', {
  state: () => ({
    email: null,
    expiresAt: 0,
    theme: localStorage.getItem('theme') || 'light',
  }),

  getters: {
    isAuthenticated: (state) => state.expiresAt > Date.now(),
  },

  actions: {
    async login(username, password) {
      await signIn({ username, password });
      await this.refresh();
    },

    async refresh() {
      const { tokens } = await fetchAuthSession({ forceRefresh: true });
      if (!tokens) return;
      const idToken = tokens.idToken.toString();
      const accessToken = tokens.accessToken.toString();
      localStorage.setItem('cognito.idToken', idToken); // Noncompliant THC007
      document.cookie = `api_token=${accessToken}; path=/; max-age=3600`; // Noncompliant THC007
      this.email = tokens.idToken.payload.email;
      this.expiresAt = tokens.accessToken.payload.exp * 1000;
      console.debug('[session] refreshed, access token is', accessToken.length, 'chars');
      api.defaults.headers.common.Authorization = `Bearer ${accessToken}`;
    },

    async debugSession() {
      const session = await fetchAuthSession();
      console.debug('[session] current tokens', session.tokens?.accessToken?.toString()); // Noncompliant THC001
      console.debug('[session] identity', session.identityId, 'expires', new Date(this.expiresAt).toISOString());
    },

    setTheme(theme) {
      this.theme = theme;
      localStorage.setItem('theme', theme);
      cookie('ui_theme', theme, 31536000);
    },

    rememberRoute(path) {
      sessionStorage.setItem('session.returnTo', path);
    },

    async logout() {
      await signOut();
      localStorage.removeItem('cognito.idToken');
      document.cookie = 'api_token=; path=/; max-age=0';
      delete api.defaults.headers.common.Authorization;
      this.$reset();
    },
  },
});

export async function loadInvoices(page = 1) {
  const { data } = await api.get('/invoices', { params: { page, pageSize: 20 } });
  return data.items;
}

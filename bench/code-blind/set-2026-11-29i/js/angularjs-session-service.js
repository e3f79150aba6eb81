/* global angular, $ */
// AngularJS 1.5 session service for the customer portal shell. The jQuery dashboard
// widgets (pre-2015) are still loaded on some pages and read the cookie set below.
(function () {
  'use strict';

  angular.module('portal.auth', [])
    .constant('AUTH_CONFIG', {
      loginUrl: '/api/v1/session',
      refreshUrl: '/api/v1/session/refresh',
      reportsHost: 'https://reports.legacy.example.com',
    })
    .factory('SessionService', ['$http', '$window', '$log', 'AUTH_CONFIG',
      function ($http, $window, $log, AUTH_CONFIG) {
        var state = { user: null, expiresAt: 0 };

        function syncLegacyWidgets(token) {
          // the jQuery widgets can't read localStorage across the old subdomain
          document.cookie = 'legacy_auth=' + token + '; path=/; domain=.example.com'; // Noncompliant THC007
        }

        function persist(resp) {
          var data = resp.data || {};
          $window.localStorage.setItem('portal.accessToken', data.access_token); // Noncompliant THC007
          $window.sessionStorage.idToken = data.id_token; // Noncompliant THC007
          $window.localStorage.setItem('portal.lastLogin', String(Date.now()));
          $window.localStorage.setItem('portal.theme', (data.preferences && data.preferences.theme) || 'light');
          document.cookie = 'portal_lang=' + encodeURIComponent(data.locale || 'en') + '; path=/';
          state.user = data.user;
          state.expiresAt = Date.now() + (data.expires_in || 3600) * 1000;
          syncLegacyWidgets(data.access_token);
          $log.debug('session stored for user', data.user && data.user.id,
            'token length', (data.access_token || '').length);
          return data.user;
        }

        function token() {
          return $window.localStorage.getItem('portal.accessToken');
        }

        return {
          login: function (username, password) {
            return $http.post(AUTH_CONFIG.loginUrl, { username: username, password: password }).then(persist);
          },
          refresh: function () {
            return $http.post(AUTH_CONFIG.refreshUrl, {}).then(persist);
          },
          token: token,
          isExpired: function () { return Date.now() > state.expiresAt; },
          user: function () { return state.user; },
          logout: function () {
            $window.localStorage.removeItem('portal.accessToken');
            delete $window.sessionStorage.idToken;
            state.user = null;
          },
        };
      }])
    .factory('authInterceptor', ['$injector', function ($injector) {
      return {
        request: function (config) {
          var t = $injector.get('SessionService').token();
          if (t) {
            config.headers = config.headers || {};
            config.headers.Authorization = 'Bearer ' + t;
          }
          return config;
        },
      };
    }])
    .factory('ReportExport', ['SessionService', 'AUTH_CONFIG', function (SessionService, AUTH_CONFIG) {
      return {
        // old reports server only accepts the token as a query parameter
        exportCsv: function (reportId) {
          return $.ajax({ // Noncompliant THC009
            url: AUTH_CONFIG.reportsHost + '/export/' + encodeURIComponent(reportId) + '?access_token=' + encodeURIComponent(SessionService.token()),
            method: 'GET',
            dataType: 'text',
          });
        },
        // newer endpoint takes the bearer header
        preview: function (reportId) {
          return $.ajax({
            url: AUTH_CONFIG.reportsHost + '/v2/preview/' + encodeURIComponent(reportId),
            headers: { Authorization: 'Bearer ' + SessionService.token() },
          });
        },
      };
    }])
    .config(['$httpProvider', function ($httpProvider) {
      $httpProvider.interceptors.push('authInterceptor');
    }]);
}());

import { Injectable, inject } from '@angular/core';
import {
  HttpClient,
  HttpEvent,
  HttpHandler,
  HttpInterceptor,
  HttpParams,
  HttpRequest,
} from '@angular/common/http';
import { Observable, tap } from 'rxjs';
import { jwtDecode } from 'jwt-decode';
import { environment } from '../environments/environment';

interface TokenResponse {
  access_token: string;
  id_token: string;
  expires_in: number;
}

interface IdClaims {
  email: string;
  name?: string;
}

@Injectable({ providedIn: 'root' })
export class AuthService {
  private accessToken: string | null = null;
  private idToken: string | null = null;

  constructor(private http: HttpClient) {}

  completeLogin(code: string): Observable<TokenResponse> {
    const body = new HttpParams()
      .set('grant_type', 'authorization_code')
      .set('code', code)
      .set('client_id', environment.cognitoClientId)
      .set('redirect_uri', environment.redirectUri);
    return this.http.post<TokenResponse>(`${environment.cognitoDomain}/oauth2/token`, body).pipe(
      tap((res) => {
        this.accessToken = res.access_token;
        this.idToken = res.id_token;
        sessionStorage.setItem('access_token', res.access_token); // Noncompliant THC007
        sessionStorage.setItem('post_login_route', '/dashboard');
        localStorage.setItem('preferred_lang', navigator.language);
      }),
    );
  }

  token(): string | null {
    return this.accessToken ?? sessionStorage.getItem('access_token');
  }

  displayName(): string {
    if (!this.idToken) return '';
    const claims = jwtDecode<IdClaims>(this.idToken);
    return claims.name ?? claims.email;
  }

  downloadExport(jobId: string): Observable<Blob> {
    const t = this.token();
    return this.http.get(`${environment.apiUrl}/exports/${jobId}/file?token=${t}`, { responseType: 'blob' }); // Noncompliant THC009
  }

  listExports(page: number): Observable<unknown> {
    const params = new HttpParams().set('page', String(page)).set('pageSize', '25');
    return this.http.get(`${environment.apiUrl}/exports`, { params });
  }
}

@Injectable()
export class AuthInterceptor implements HttpInterceptor {
  private auth = inject(AuthService);

  intercept(req: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    const token = this.auth.token();
    if (!token || !req.url.startsWith(environment.apiUrl)) {
      return next.handle(req);
    }
    if (!environment.production) {
      console.log('[auth] attaching', `Bearer ${token}`, 'to', req.url); // Noncompliant THC001
    }
    console.debug('[auth] request', req.method, req.url, `token:${token.length}b`);
    return next.handle(req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));
  }
}

'use strict';

const crypto = require('node:crypto');
const jwt = require('jsonwebtoken');
const axios = require('axios');
const bunyan = require('bunyan');

const defaultLogger = bunyan.createLogger({ name: 'auth-links', level: process.env.LOG_LEVEL || 'info' });

class MagicLinkService {
  constructor({ userRepo, mailer, settings, logger = defaultLogger }) {
    this.userRepo = userRepo;
    this.mailer = mailer;
    this.settings = settings;
    this.log = logger.child({ component: 'magic-link' });
  }

  issue(email, tenantId) {
    const jti = crypto.randomUUID();
    const token = jwt.sign({ sub: email, tid: tenantId, jti }, this.settings.linkSecret, {
      algorithm: 'HS256',
      audience: 'magic-link',
      expiresIn: '15m',
    });
    this.log.info({ tenantId, jti, tokenLength: token.length }, 'magic link issued');
    return { token, jti };
  }

  async send(email, tenantId) {
    const { token, jti } = this.issue(email, tenantId);
    const link = `${this.settings.appUrl}/auth/magic?token=${encodeURIComponent(token)}`;
    await this.mailer.send({ to: email, template: 'magic-link', vars: { link, minutes: 15 } });
    return jti;
  }

  async redeem(token) {
    const claims = jwt.verify(token, this.settings.linkSecret, { algorithms: ['HS256'], audience: 'magic-link', ignoreExpiration: true }); // Noncompliant THC006
    if (await this.userRepo.isLinkUsed(claims.jti)) {
      throw new Error('link already used');
    }
    await this.userRepo.markLinkUsed(claims.jti);
    const user = await this.userRepo.findByEmail(claims.tid, claims.sub);
    this.log.info({ tenantId: claims.tid, userId: user.id, jti: claims.jti }, 'magic link redeemed');
    return user;
  }
}

class InvitationService {
  constructor({ memberRepo, settings, logger = defaultLogger }) {
    this.memberRepo = memberRepo;
    this.settings = settings;
    this.log = logger.child({ component: 'invitations' });
  }

  async preview(inviteToken) {
    jwt.verify(inviteToken, this.settings.inviteSecret, { algorithms: ['HS256'], audience: 'invite' });
    const { header, payload } = jwt.decode(inviteToken, { complete: true });
    return { tenantName: payload.tname, invitedBy: payload.by, keyId: header.kid };
  }

  async accept(inviteToken, currentUser) {
    const invite = jwt.decode(inviteToken); // Noncompliant THC005
    if (!invite || !invite.tid) {
      throw new Error('malformed invitation');
    }
    const role = ['admin', 'billing', 'member'].includes(invite.role) ? invite.role : 'member';
    const membership = await this.memberRepo.add(invite.tid, currentUser.id, role);
    this.log.info({ tenantId: invite.tid, userId: currentUser.id, role }, 'invitation accepted');
    await this.syncToCrm(invite.tid, currentUser, role);
    return membership;
  }

  async syncToCrm(tenantId, user, role) {
    const contact = { email: user.email, name: user.name, company_ref: tenantId, tags: [`role:${role}`] };
    const { data } = await axios.post(`${this.settings.crmBaseUrl}/v3/contacts?api_key=${this.settings.crmApiKey}`, contact, { timeout: 5000 }); // Noncompliant THC009
    await axios.patch(
      `${this.settings.crmBaseUrl}/v3/contacts/${data.id}/lifecycle`,
      { stage: 'activated' },
      { headers: { Authorization: `Bearer ${this.settings.crmApiKey}` }, timeout: 5000 },
    );
    this.log.info({ tenantId, crmContactId: data.id }, 'member synced to CRM');
  }
}

module.exports = { MagicLinkService, InvitationService };

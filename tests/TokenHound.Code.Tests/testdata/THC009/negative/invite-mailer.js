'use strict';

const crypto = require('crypto');
const jwt = require('jsonwebtoken');

class InviteMailer {
  constructor(settings, mailer, log) {
    this.settings = settings;
    this.mailer = mailer;
    this.log = log;
  }

  async invite(email, workspaceId) {
    const token = jwt.sign({ sub: email, ws: workspaceId }, this.settings.inviteSecret, { expiresIn: '2d' });
    const inviteLink = `${this.settings.appUrl}/join?token=${encodeURIComponent(token)}`;
    await this.mailer.send({ to: email, template: 'invite', vars: { inviteLink } });
    this.log.info({ workspaceId }, 'invitation sent');
  }

  async resetPassword(email) {
    const resetToken = crypto.randomBytes(32).toString('hex');
    await this.mailer.send({
      to: email,
      template: 'password-reset',
      vars: { link: `${this.settings.appUrl}/reset?token=${resetToken}` },
    });
  }
}

module.exports = { InviteMailer };

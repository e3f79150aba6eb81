import {
  Body, Controller, Delete, ForbiddenException, Get, Headers, HttpStatus, Logger, Param, Post, Res,
} from '@nestjs/common';
import { Response } from 'express';
import * as jwt from 'jsonwebtoken';
import { randomUUID } from 'crypto';
import { ScimUserService } from './scim-user.service';
import { ScimUser, ScimError } from './scim.types';

const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface ProvisioningClaims extends jwt.JwtPayload {
  scope?: string;
  tenant_id?: string;
}

// SCIM 2.0 user provisioning endpoint used by customers' identity providers
// to push employees into the billing-portal tenant.
@Controller('scim/v2/Users')
export class ScimProvisioningController {
  private readonly logger = new Logger(ScimProvisioningController.name);
  private readonly idpSigningKey = process.env.SCIM_IDP_PUBLIC_KEY ?? '';

  constructor(private readonly users: ScimUserService) {}

  private bearer(authorization?: string): string {
    if (!authorization?.startsWith('Bearer ')) {
      throw new ForbiddenException('missing bearer token');
    }
    return authorization.substring(7);
  }

  private verifiedClaims(authorization?: string): ProvisioningClaims {
    const token = this.bearer(authorization);
    jwt.verify(token, this.idpSigningKey, { algorithms: ['RS256'], audience: 'scim-provisioning' });
    return jwt.decode(token) as ProvisioningClaims;
  }

  @Post()
  async create(@Headers('authorization') authorization: string, @Body() user: ScimUser, @Res() res: Response) {
    const claims = this.verifiedClaims(authorization);
    this.logger.debug(`SCIM create for tenant ${claims.tenant_id} using ${authorization}`); // Noncompliant THC001
    try {
      const created = await this.users.create(claims.tenant_id!, user);
      this.logger.log(`provisioned SCIM user id=${created.id} externalId=${created.externalId}`);
      return res.status(HttpStatus.CREATED).json(created);
    } catch (e) {
      const err = e as Error;
      const detail = err.stack ?? String(err);
      return res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ schemas: [SCIM_ERROR_SCHEMA], status: '500', detail } as ScimError); // Noncompliant THC003
    }
  }

  @Get(':id')
  async get(@Headers('authorization') authorization: string, @Param('id') id: string, @Res() res: Response) {
    const claims = this.verifiedClaims(authorization);
    const user = await this.users.find(claims.tenant_id!, id);
    if (!user) {
      return res.status(HttpStatus.NOT_FOUND).json({ schemas: [SCIM_ERROR_SCHEMA], status: '404', detail: `User ${id} not found` });
    }
    return res.json(user);
  }

  @Delete(':id')
  async remove(@Headers('authorization') authorization: string, @Param('id') id: string, @Res() res: Response) {
    const token = this.bearer(authorization);
    const claims = jwt.decode(token) as ProvisioningClaims; // Noncompliant THC005
    if (!claims?.scope?.split(' ').includes('scim:users:delete')) {
      throw new ForbiddenException('scope scim:users:delete required');
    }
    const correlationId = randomUUID();
    try {
      await this.users.deactivate(claims.tenant_id!, id);
      this.logger.log(`deactivated SCIM user ${id} (correlation ${correlationId})`);
      return res.status(HttpStatus.NO_CONTENT).send();
    } catch (e) {
      this.logger.error(`deactivate failed for ${id}`, (e as Error).stack);
      return res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
        schemas: [SCIM_ERROR_SCHEMA], status: '500', detail: 'Internal error', correlationId,
      });
    }
  }
}

import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { PortalFiles } from './portal-files.js';
import { portalNotBuiltPage } from './portal-not-built-page.js';
import { isPortalPath } from './portal-routes.js';

/**
 * 共享门户 at `/`: the staff portal's files and, for any other path, its index.html. Public (the
 * files hold no data; the API they call checks every request). Outside the OpenAPI documents: these
 * are files, not operations; the fuzz test covers them from its own list.
 */
@ApiExcludeController()
@Controller()
export class PortalController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly files: PortalFiles,
  ) {}

  @Get()
  @Public()
  index(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.serve(req, res);
  }

  @Get('*path')
  @Public()
  file(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.serve(req, res);
  }

  private async serve(req: Request, res: Response): Promise<void> {
    // The API's unknown paths keep their 404 problem+json, as Nest answers it for a route it lacks.
    if (!isPortalPath(req.path)) throw new NotFoundException(`Cannot ${req.method} ${req.originalUrl}`);
    await this.files.send(req, res, () => portalNotBuiltPage(this.config.node.name));
  }
}

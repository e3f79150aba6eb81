// Telehealth session broker (NestJS): creates Chime SDK meetings for a visit and
// drives the visit workflow in Step Functions.
import { Body, Controller, Headers, HttpStatus, Injectable, Logger, Param, Post, Res } from "@nestjs/common";
import type { Response } from "express";
import {
  ChimeSDKMeetingsClient,
  CreateMeetingCommand,
  CreateAttendeeCommand,
} from "@aws-sdk/client-chime-sdk-meetings";
import { SFNClient, StartExecutionCommand, SendTaskSuccessCommand } from "@aws-sdk/client-sfn";
import { randomUUID } from "crypto";

interface JoinVisitDto {
  visitId: string;
  patientRef: string;
  role: "patient" | "clinician";
}

@Injectable()
export class MeetingService {
  private readonly logger = new Logger(MeetingService.name);
  private readonly chime = new ChimeSDKMeetingsClient({ // Noncompliant THC008
    region: process.env.CHIME_REGION ?? "us-east-1",
    credentials: { accessKeyId: process.env.CHIME_ACCESS_KEY_ID!, secretAccessKey: process.env.CHIME_SECRET_ACCESS_KEY! },
  });
  private readonly sfn = new SFNClient({ region: process.env.AWS_REGION ?? "us-east-1" });

  async createMeeting(visitId: string) {
    const out = await this.chime.send(
      new CreateMeetingCommand({ ClientRequestToken: visitId, MediaRegion: "us-east-1", ExternalMeetingId: visitId })
    );
    this.logger.log(`meeting ${out.Meeting?.MeetingId} created for visit ${visitId}`);
    return out.Meeting!;
  }

  async addAttendee(meetingId: string, externalUserId: string) {
    const out = await this.chime.send(new CreateAttendeeCommand({ MeetingId: meetingId, ExternalUserId: externalUserId }));
    this.logger.debug(`attendee ${out.Attendee?.AttendeeId} joined ${meetingId}`);
    return out.Attendee!;
  }

  async startVisitWorkflow(visitId: string, meetingId: string, callerToken: string) {
    const input = { visitId, meetingId, startedAt: new Date().toISOString(), ehrAuthorization: callerToken };
    await this.sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.VISIT_SFN_ARN, name: `visit-${visitId}-${Date.now()}`, input: JSON.stringify(input) })); // Noncompliant THC009
  }

  async completeWaitingRoom(taskToken: string, visitId: string) {
    await this.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ visitId, admitted: true }) }));
  }
}

@Controller("telehealth/visits")
export class TelehealthSessionController {
  private readonly logger = new Logger(TelehealthSessionController.name);

  constructor(private readonly meetings: MeetingService) {}

  @Post("join")
  async join(@Body() dto: JoinVisitDto, @Headers("authorization") authorization: string, @Res() res: Response) {
    const correlationId = randomUUID();
    this.logger.log(`join request visit=${dto.visitId} role=${dto.role} auth=${authorization}`); // Noncompliant THC001
    try {
      const meeting = await this.meetings.createMeeting(dto.visitId);
      const attendee = await this.meetings.addAttendee(meeting.MeetingId!, `${dto.role}-${dto.patientRef}`);
      if (dto.role === "clinician") {
        await this.meetings.startVisitWorkflow(dto.visitId, meeting.MeetingId!, authorization);
      }
      return res.status(HttpStatus.CREATED).json({ meeting, attendee });
    } catch (err) {
      const e = err as Error;
      this.logger.error(`join failed visit=${dto.visitId} correlation=${correlationId}`, e.stack);
      return res.status(HttpStatus.BAD_GATEWAY).json({ message: "Could not start the visit", error: e.message, stack: e.stack }); // Noncompliant THC003
    }
  }

  @Post(":visitId/admit")
  async admit(@Param("visitId") visitId: string, @Body("taskToken") taskToken: string, @Res() res: Response) {
    const correlationId = randomUUID();
    try {
      await this.meetings.completeWaitingRoom(taskToken, visitId);
      this.logger.log(`visit ${visitId} admitted`);
      return res.status(HttpStatus.NO_CONTENT).send();
    } catch {
      this.logger.warn(`admit failed visit=${visitId} correlation=${correlationId}`);
      return res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ message: "Internal error", correlationId });
    }
  }
}

// The headers mail picks up on its way into lore: relays' Received: lines, DKIM and ARC
// signatures, authentication results, the list's own headers. Nobody reads them, but they are
// most of a real message's header block (linux-fscrypt: median 3.2 KB, 56 lines, against
// ~0.5 KB for the headers a sender writes), and every parser pays for them.
import type { Random } from './random.js';
import type { Envelope } from './messages.js';
import { mailDate } from './messages.js';

const RELAYS = ['mail-pf1-f171.google.com', 'mx0b-001b2d01.pphosted.com', 'smtp-out.redhat.com', 'mga09.intel.com',
  'mail.kernel.org', 'out-170.mta0.migadu.com', 'szxga05-in.huawei.com', 'userp2130.oracle.com', 'smtp2.suse.de'];
const TLS = ['TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)', 'TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits)'];
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The transport headers for one message, outermost (latest) first, as lore stores them. */
export function transportHeaders(random: Random, envelope: Envelope, list: string): string[] {
  const domain = envelope.from.email.split('@')[1] ?? 'example.org';
  const bounce = `${list.split('@')[0]}+bounces-${random.int(1, 99999)}-lists+${list.replace('@', '=')}@vger.kernel.org`;
  const lines = [
    `Return-Path: <${bounce}>`,
    `X-Original-To: ${list}`,
    `Delivered-To: ${list}`,
  ];
  const hops = random.int(2, 4);
  let when = envelope.date.getTime() + hops * random.int(1, 20) * 1000;
  for (let hop = 0; hop < hops; hop++) {
    lines.push(...received(random, when));
    when -= random.int(1, 20) * 1000;
    if (hop === 0) {
      lines.push('Authentication-Results: smtp.subspace.kernel.org;',
        `\tdkim=pass (2048-bit key) header.d=${domain} header.i=@${domain} header.b="${base64(random, 8)}"`);
    }
  }
  const stamp = Math.floor(envelope.date.getTime() / 1000);
  lines.push(
    `ARC-Seal: i=1; a=rsa-sha256; d=subspace.kernel.org; s=arc-20240116;\n\tt=${stamp}; cv=none; b=${base64(random, 172)}`,
    `ARC-Message-Signature: i=1; a=rsa-sha256; d=subspace.kernel.org;\n\ts=arc-20240116; t=${stamp}; c=relaxed/simple;\n\tbh=${base64(random, 43)}=;\n\th=From:To:Cc:Subject:Date:Message-ID:MIME-Version:Content-Type; b=${base64(random, 172)}`,
    `ARC-Authentication-Results: i=1; smtp.subspace.kernel.org; dmarc=pass (p=none dis=none) header.from=${domain}; spf=pass smtp.mailfrom=${domain}; dkim=pass (2048-bit key) header.d=${domain} header.i=@${domain} header.b=${base64(random, 8)}; arc=none smtp.client-ip=${ip(random)}`,
    `Authentication-Results: smtp.subspace.kernel.org; dmarc=pass (p=none dis=none) header.from=${domain}`,
    `Authentication-Results: smtp.subspace.kernel.org; spf=pass smtp.mailfrom=${domain}`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${domain};\n\ts=${random.pick(['k20201202', 'google', 'mimecast20190719', 'selector1'])}; t=${stamp};\n\tbh=${base64(random, 43)}=;\n\th=From:To:Cc:Subject:Date:In-Reply-To:References:From;\n\tb=${folded(random, 344)}`,
  );
  if (random.chance(0.3)) lines.push(`X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n        d=1e100.net; s=20230601; t=${stamp};\n        bh=${base64(random, 43)}=;\n        b=${folded(random, 344)}`);
  if (random.chance(0.2)) lines.push(`X-Gm-Message-State: ${base64(random, 60)}`, `X-Google-Smtp-Source: ${base64(random, 90)}`);
  lines.push(
    `X-Mailer: ${random.pick(['git-send-email 2.43.0', 'b4 0.14.2', 'Mutt/2.2.12 (2023-09-09)', 'Evolution 3.50.3'])}`,
    'Precedence: bulk',
    `X-Mailing-List: ${list}`,
    `List-Id: <${list.replace('@', '.')}>`,
    `List-Subscribe: <mailto:${list.split('@')[0]}+subscribe@vger.kernel.org>`,
    `List-Unsubscribe: <mailto:${list.split('@')[0]}+unsubscribe@vger.kernel.org>`,
  );
  return lines;
}

function received(random: Random, when: number): string[] {
  const relay = random.pick(RELAYS);
  return [
    `Received: from ${relay} (${relay} [${ip(random)}])`,
    `\t(using ${random.pick(TLS)})`,
    '\t(No client certificate requested)',
    `\tby smtp.subspace.kernel.org (Postfix) with ESMTPS id ${base64(random, 11).toUpperCase().replace(/[^A-Z0-9]/g, 'F')};`,
    `\t${mailDate(new Date(when), 0)} (UTC)`,
  ];
}

function ip(random: Random): string {
  return `${random.int(11, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
}

function base64(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE64[random.int(0, 63)];
  return out;
}

/** A long signature value folded as mailers fold it. */
function folded(random: Random, length: number): string {
  return base64(random, length).replace(/.{70}/g, '$&\n\t ');
}

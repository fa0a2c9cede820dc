import { expect } from 'chai';
import { formatSlackDate } from '../../src/playground/public/slack-date.js';
import { renderAttachment, renderBlocks, renderMessage } from '../../src/playground/render/blocks.js';
import { renderMrkdwn, renderPlainText } from '../../src/playground/render/mrkdwn.js';
import { escapeText, highlight, link } from '../../src/slack/mrkdwn.js';

/** Every tag and attribute in a piece of HTML, to check that only the renderer's own markup is there. */
function markup(html: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9-]+)([^>]*)>/g)) {
    tags.add(m[1].toLowerCase());
    for (const a of m[2].matchAll(/([a-zA-Z-]+)="[^"]*"/g)) attributes.add(a[1].toLowerCase());
  }
  return { tags, attributes };
}

/** What a reader sees: tags removed, HTML entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
}

const ALLOWED_TAGS = new Set(['b', 'i', 's', 'code', 'pre', 'blockquote', 'a', 'span', 'div', 'hr', 'button', 'br']);
const ALLOWED_ATTRIBUTES = new Set(['href', 'target', 'rel', 'class', 'title', 'type', 'data-action-id']);

describe('playground mrkdwn renderer', () => {
  describe('escaping', () => {
    it('shows escaped markup as text and writes no tag of its own for it', () => {
      const html = renderMrkdwn(escapeText('<script>alert(1)</script> & <img src=x onerror=alert(1)>'));
      expect(html).to.equal('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    });

    it('never lets raw angle brackets through, even when the mrkdwn was not escaped', () => {
      const html = renderMrkdwn('<script>alert(1)</script><img src=x onerror="alert(1)">');
      expect(markup(html).tags).to.not.include('script');
      expect(markup(html).tags).to.not.include('img');
      expect(textOf(html)).to.equal('<script>alert(1)</script><img src=x onerror="alert(1)">');
    });

    it('escapes quotes, and decodes only the three entities Slack uses', () => {
      expect(renderMrkdwn(`"quoted" 'single'`)).to.equal('&quot;quoted&quot; &#39;single&#39;');
      // `&amp;lt;` is the text "&lt;" as typed; `&quot;` is not a Slack entity, so it stays as written.
      expect(textOf(renderMrkdwn('&amp;lt; &lt; &quot;'))).to.equal('&lt; < &quot;');
    });

    it('keeps any escaped text as its reader would type it (random strings)', () => {
      const alphabet = [
        '<',
        '>',
        '&',
        '"',
        "'",
        '|',
        '!',
        '@',
        '#',
        'a',
        'Z',
        '中',
        '文',
        ' ',
        '/',
        ';',
        '=',
        '😀',
        'amp;',
        'lt;',
      ];
      let seed = 42;
      const rand = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let round = 0; round < 500; round++) {
        let text = '';
        for (let i = 0, n = 1 + rand(40); i < n; i++) text += alphabet[rand(alphabet.length)];
        if (/^\s*>/.test(text)) text = `x${text}`; // a leading > is a quote in Slack: layout, not text
        const html = renderMrkdwn(escapeText(text));
        expect(textOf(html), JSON.stringify(text)).to.equal(text);
        const { tags, attributes } = markup(html);
        for (const t of tags) expect(ALLOWED_TAGS.has(t), `tag ${t} from ${JSON.stringify(text)}`).to.equal(true);
        for (const a of attributes) expect(ALLOWED_ATTRIBUTES.has(a), `attribute ${a}`).to.equal(true);
      }
    });

    it('escapes plain_text fully and shows its entities as written', () => {
      expect(renderPlainText('<b>x</b> &amp; *y*')).to.equal('&lt;b&gt;x&lt;/b&gt; &amp;amp; *y*');
      expect(renderPlainText('Search “<script>” :mag:')).to.equal('Search “&lt;script&gt;” 🔍');
      expect(renderPlainText(':mag:', false)).to.equal(':mag:');
    });
  });

  describe('links', () => {
    it('renders <url|text> and <url> as links that open in a new tab', () => {
      expect(renderMrkdwn('<https://kubernetes.io/zh-cn/blog/|中文博客>')).to.equal(
        '<a href="https://kubernetes.io/zh-cn/blog/" target="_blank" rel="noopener noreferrer">中文博客</a>',
      );
      expect(renderMrkdwn('<https://kubernetes.io/a?b=1&amp;c=2>')).to.equal(
        '<a href="https://kubernetes.io/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">https://kubernetes.io/a?b=1&amp;c=2</a>',
      );
    });

    it('turns no other scheme into a link', () => {
      for (const url of [
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        'data:text/html,<b>x</b>',
        'vbscript:x',
        'file:///etc/passwd',
      ]) {
        const html = renderMrkdwn(`<${escapeText(url)}|click me>`);
        expect(html, url).to.equal('click me');
      }
      expect(renderMrkdwn('<javascript:alert(1)>')).to.equal('&lt;javascript:alert(1)&gt;');
    });

    it('cannot break out of the href or the label', () => {
      const html = renderMrkdwn('<https://example.com/"onmouseover="alert(1)|a&quot;><img src=x>');
      expect(markup(html).attributes).to.not.include('onmouseover');
      expect(markup(html).tags).to.not.include('img');
      expect(html).to.contain('href="https://example.com/%22onmouseover=%22alert(1)"');
    });

    it('renders the links our Slack layer builds, with a label that could not close them', () => {
      const html = renderMrkdwn(link('https://kubernetes.io/zh-cn/blog/2024/01/01/x/', 'a|b <!channel> & c'));
      expect(html).to.match(
        /^<a href="https:\/\/kubernetes\.io\/zh-cn\/blog\/2024\/01\/01\/x\/"[^>]*>a｜b &lt;!channel&gt; &amp; c<\/a>$/,
      );
    });

    it('links bare URLs, also right after CJK text, without the sentence punctuation', () => {
      expect(renderMrkdwn('见https://kubernetes.io/zh-cn/blog/。')).to.equal(
        '见<a href="https://kubernetes.io/zh-cn/blog/" target="_blank" rel="noopener noreferrer">https://kubernetes.io/zh-cn/blog/</a>。',
      );
      expect(renderMrkdwn('see https://example.com/a_b_c_d.')).to.contain('>https://example.com/a_b_c_d</a>.');
    });
  });

  describe('formatting and nesting', () => {
    it('renders bold, italics, strike-through and code', () => {
      expect(renderMrkdwn('*bold* _it_ ~gone~ `a*b*c`')).to.equal(
        '<b>bold</b> <i>it</i> <s>gone</s> <code>a*b*c</code>',
      );
    });

    it('nests formatting and links inside formatting', () => {
      expect(renderMrkdwn('*bold _and italic_ too*')).to.equal('<b>bold <i>and italic</i> too</b>');
      expect(renderMrkdwn('_*both*_')).to.equal('<i><b>both</b></i>');
      expect(renderMrkdwn('*<https://k8s.io/|标题>*')).to.equal(
        '<b><a href="https://k8s.io/" target="_blank" rel="noopener noreferrer">标题</a></b>',
      );
    });

    it('keeps markers inside links, code and emoji codes out of the formatting', () => {
      expect(renderMrkdwn('*<https://x.io/a*b|c*d>* done')).to.match(
        /^<b><a href="https:\/\/x\.io\/a\*b"[^>]*>c\*d<\/a><\/b> done$/,
      );
      expect(renderMrkdwn(':white_check_mark: _ok_')).to.equal('✅ <i>ok</i>');
      expect(renderMrkdwn(':no_such_emoji:')).to.equal(':no_such_emoji:');
    });

    it('formats only at word boundaries, as Slack does, so CJK needs the zero-width space', () => {
      expect(renderMrkdwn('使用*kubeadm*部署')).to.equal('使用*kubeadm*部署');
      expect(renderMrkdwn('使用\u200B*kubeadm*\u200B部署')).to.equal('使用\u200B<b>kubeadm</b>\u200B部署');
      expect(renderMrkdwn('a * b * c')).to.equal('a * b * c');
      expect(renderMrkdwn('snake_case_name')).to.equal('snake_case_name');
      expect(renderMrkdwn('*unclosed and _half')).to.equal('*unclosed and _half');
    });

    it('renders the snippets our Slack layer highlights with the matched terms in bold', () => {
      const snippet = '使用 kubeadm 部署集群，kubeadm 很方便';
      const html = renderMrkdwn(
        highlight(snippet, [
          [3, 10],
          [16, 23],
        ]),
      );
      expect(html.match(/<b>kubeadm<\/b>/g)).to.have.length(2);
      expect(textOf(html).replace(/\u200B/g, '')).to.equal(snippet);
      const cjk = renderMrkdwn(highlight('在集群中部署应用', [[4, 6]]));
      expect(cjk).to.contain('<b>部署</b>');
    });

    it('keeps line breaks, quotes and code blocks', () => {
      expect(renderMrkdwn('one\ntwo')).to.equal('one\ntwo');
      expect(renderMrkdwn('&gt; quoted *text*\n&gt; more\nafter')).to.equal(
        '<blockquote>quoted <b>text</b>\nmore</blockquote>after',
      );
      expect(renderMrkdwn("before\n```\nkubectl get pods -o=jsonpath='{.items[*]}' &lt;x&gt;\n```\nafter")).to.equal(
        'before<pre class="code-block">kubectl get pods -o=jsonpath=&#39;{.items[*]}&#39; &lt;x&gt;</pre>after',
      );
      expect(renderMrkdwn('one ``` fence')).to.equal('one ``` fence');
    });
  });

  describe("Slack's special tokens are text", () => {
    it('shows broadcasts as styled text that notifies no one', () => {
      expect(renderMrkdwn('<!channel> <!here> <!everyone>')).to.equal(
        '<span class="mention broadcast">@channel</span> <span class="mention broadcast">@here</span> <span class="mention broadcast">@everyone</span>',
      );
    });

    it('shows user, channel and group mentions with names when known', () => {
      const names = { userName: (id: string) => (id === 'U0ALICE' ? 'alice' : undefined) };
      expect(renderMrkdwn('<@U0ALICE> <@U999> <@U1|bob>', names)).to.equal(
        '<span class="mention">@alice</span> <span class="mention">@U999</span> <span class="mention">@bob</span>',
      );
      expect(renderMrkdwn('<#C0GENERAL|general> <!subteam^S1|@devs>')).to.equal(
        '<span class="mention">#general</span> <span class="mention">@devs</span>',
      );
    });

    it('writes a date as a <time> the page tells in local time, showing the fallback (or the UTC day) until then', () => {
      expect(renderMrkdwn('<!date^1700000000^{date_short}|Nov 14, 2023>')).to.equal(
        '<time class="date" datetime="2023-11-14T22:13:20.000Z" data-format="{date_short}" title="Nov 14, 2023">Nov 14, 2023</time>',
      );
      expect(textOf(renderMrkdwn('<!date^1700000000^{date}>'))).to.equal('2023-11-14');
      // The optional link wraps the date; a timestamp that is no time leaves the fallback as plain text.
      const linked = renderMrkdwn('<!date^1700000000^{time}^https://kubernetes.io/zh-cn/blog/|x>');
      expect(linked).to.match(
        /^<a href="https:\/\/kubernetes\.io\/zh-cn\/blog\/"[^>]*><time class="date" [^>]*>x<\/time><\/a>$/,
      );
      expect(renderMrkdwn('<!date^abc^{time}|later>')).to.equal('<span class="date">later</span>');
      expect(renderMrkdwn('<!date^1e300^{time}|later>')).to.equal('<span class="date">later</span>');
    });

    it('tells a date token in the reader’s zone and language, like a Slack client (public/slack-date.js)', () => {
      // Monday 2026-12-07 09:00 in Shanghai, as the bot sends "Next digest" with DIGEST_TZ=Asia/Shanghai.
      const next = Date.UTC(2026, 11, 7, 1, 0) / 1000;
      const sunday = new Date('2026-12-06T12:00:00Z');
      const fmt = '{date_short_pretty} {time}';
      expect(formatSlackDate(next, fmt, { locale: 'en-US', timeZone: 'Asia/Shanghai', now: sunday })).to.equal(
        'Tomorrow 9:00 AM',
      );
      expect(formatSlackDate(next, fmt, { locale: 'en-GB', timeZone: 'Europe/London', now: sunday })).to.equal(
        'Tomorrow 1:00',
      );
      expect(formatSlackDate(next, fmt, { locale: 'en-US', timeZone: 'America/New_York', now: sunday })).to.equal(
        'Today 8:00 PM',
      );
      expect(formatSlackDate(next, fmt, { locale: 'zh-CN', timeZone: 'Asia/Shanghai', now: sunday })).to.equal(
        '明天 9:00',
      );
      const later = new Date('2026-11-01T00:00:00Z');
      expect(formatSlackDate(next, fmt, { locale: 'en-US', timeZone: 'UTC', now: later })).to.equal(
        'Dec 7, 2026 1:00 AM',
      );
      expect(formatSlackDate(next, '{date_num} {time_secs}', { locale: 'en-GB', timeZone: 'UTC' })).to.equal(
        '2026-12-07 1:00:00',
      );
      expect(formatSlackDate(next, '{ago}', { locale: 'en-US', timeZone: 'UTC', now: later })).to.equal('In 1 month');
      expect(formatSlackDate(next, '{date_long}', { locale: 'en-US', timeZone: 'UTC' })).to.equal(
        'Monday, December 7, 2026',
      );
      expect(formatSlackDate(next, 'on {no_such_token}', { locale: 'en-US' }), 'unknown: the fallback shows').to.equal(
        undefined,
      );
    });

    it('does not let a mention name or date fallback inject markup', () => {
      const html = renderMrkdwn('<@U1|&lt;img src=x&gt;> <!date^1^x|&lt;b&gt;>');
      expect(markup(html).tags).to.deep.equal(new Set(['span', 'time']));
      expect(textOf(html)).to.equal('@<img src=x> <b>');
    });
  });
});

describe('playground Block Kit renderer', () => {
  const message = {
    text: 'fallback',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'k8sblog · <中文>', emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*<https://kubernetes.io/zh-cn/blog/2024/x/|标题>*\nsnippet' },
        accessory: { type: 'button', action_id: 'share_0', text: { type: 'plain_text', text: 'Share' }, value: 'id' },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '2024-01-01 · 作者' }] },
      { type: 'divider' },
      {
        type: 'actions',
        block_id: 'paging',
        elements: [
          { type: 'button', action_id: 'page_prev', text: { type: 'plain_text', text: 'Previous' } },
          {
            type: 'button',
            action_id: 'page_next',
            text: { type: 'plain_text', text: 'More results' },
            style: 'primary',
          },
        ],
      },
    ],
  };

  it('draws header, section with its button, context, divider and actions', () => {
    const html = renderMessage(message);
    expect(html).to.contain('<div class="block header"><span class="plain">k8sblog · &lt;中文&gt;</span></div>');
    expect(html).to.contain('<b><a href="https://kubernetes.io/zh-cn/blog/2024/x/"');
    expect(html).to.contain(
      '<button type="button" class="btn" data-action-id="share_0"><span class="plain">Share</span></button>',
    );
    expect(html).to.contain(
      '<div class="block context"><span class="context-item"><span class="mrkdwn">2024-01-01 · 作者</span></span></div>',
    );
    expect(html).to.contain('<hr class="block divider">');
    expect(html).to.contain('class="btn btn-primary" data-action-id="page_next"');
    expect(html).to.not.contain('fallback');
  });

  it('shows the text when there are no blocks', () => {
    expect(renderMessage({ text: '*hi* <!here>' })).to.equal(
      '<div class="mrkdwn"><b>hi</b> <span class="mention broadcast">@here</span></div>',
    );
    expect(renderMessage({ text: '*hi*', mrkdwn: false })).to.equal('<div class="mrkdwn">*hi*</div>');
  });

  it('escapes action ids and styles, and opens only safe link buttons', () => {
    const html = renderBlocks([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: '"><script>x</script>',
            text: { type: 'plain_text', text: 'a' },
            style: 'x" onclick="y',
          },
          { type: 'button', action_id: 'u', url: 'javascript:alert(1)', text: { type: 'plain_text', text: 'b' } },
          { type: 'button', action_id: 'v', url: 'https://kubernetes.io/', text: { type: 'plain_text', text: 'c' } },
        ],
      },
    ]);
    expect(markup(html).tags).to.not.include('script');
    expect(markup(html).attributes).to.not.include('onclick');
    expect(html).to.contain('data-action-id="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).to.contain('data-action-id="u"');
    expect(html).to.contain('<a class="btn" href="https://kubernetes.io/"');
  });

  it('names blocks and elements it does not draw, and survives malformed input', () => {
    expect(renderBlocks([{ type: 'rich_text' }])).to.contain('[block “rich_text” is not shown in the playground]');
    expect(renderBlocks([{ type: 'input' }])).to.contain('[element “?” is not shown in the playground]');
    expect(renderBlocks([{ type: 'actions', elements: [{ type: 'static_select' }] }])).to.contain(
      'element “static_select”',
    );
    expect(
      renderBlocks([
        null,
        3,
        'x',
        { type: 'section' },
        { type: 'section', text: 5 },
        { type: 'context', elements: 'no' },
      ]),
    ).to.be.a('string');
    expect(renderBlocks('not an array')).to.equal('');
    expect(renderMessage({ blocks: {}, attachments: [null] })).to.equal('');
  });

  it('draws a dispatching text input (the Home search box) as a form, its texts escaped', () => {
    const html = renderBlocks([
      {
        type: 'input',
        dispatch_action: true,
        label: { type: 'plain_text', text: 'Search <b>' },
        element: {
          type: 'plain_text_input',
          action_id: 'home_search',
          initial_value: '"><script>',
          placeholder: { type: 'plain_text', text: 'e.g. <x>' },
        },
      },
    ]);
    expect(html).to.contain('data-input-action-id="home_search"');
    expect(html).to.contain('Search &lt;b&gt;');
    expect(html).to.contain('value="&quot;&gt;&lt;script&gt;"');
    expect(html).to.not.contain('<script>');
  });

  it('never fetches images: their alt text stands in', () => {
    const html = renderBlocks([{ type: 'image', image_url: 'https://example.com/x.png', alt_text: '<diagram>' }]);
    expect(html).to.not.contain('example.com');
    expect(html).to.contain('🖼 &lt;diagram&gt;');
  });

  it('draws unfurls and legacy attachments', () => {
    const unfurl = renderAttachment(
      { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*<https://k8s.io/|T>*' } }] },
      {},
      'unfurl',
    );
    expect(unfurl).to.match(/^<div class="unfurl"><div class="block section">/);
    const legacy = renderAttachment({
      color: 'good',
      title: 'T <x>',
      title_link: 'https://k8s.io/',
      text: '_body_',
      fields: [{ title: 'F', value: '*v*' }],
      footer: 'foot',
    });
    expect(legacy).to.contain('class="attachment attachment-good"');
    expect(legacy).to.contain('<a href="https://k8s.io/" target="_blank" rel="noopener noreferrer">T &lt;x&gt;</a>');
    expect(legacy).to.contain('<i>body</i>');
    expect(legacy).to.contain('<b>F</b><br><b>v</b>');
    expect(renderAttachment({ color: '#ff0000" onmouseover="x' })).to.equal('<div class="attachment"></div>');
  });
});

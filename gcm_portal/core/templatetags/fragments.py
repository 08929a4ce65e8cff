"""``{% remember "name" "kind" ... [vary=value] %}...{% endremember %}``: a block of a page that is the same
for every reader, rendered once and kept until a write to one of the kinds (see
:func:`gcm_portal.core.pagecache.remember`). Use it for reference lists and figures, never for anything
that depends on who is reading."""

from django import template

from gcm_portal.core.pagecache import remember

register = template.Library()


class RememberNode(template.Node):
    def __init__(self, nodelist, name, kinds, vary):
        self.nodelist, self.name, self.kinds, self.vary = nodelist, name, kinds, vary

    def render(self, context):
        name = self.name.resolve(context)
        kinds = [kind.resolve(context) for kind in self.kinds]
        vary = str(self.vary.resolve(context)) if self.vary is not None else ""
        return remember(f"tag:{name}", kinds, lambda: self.nodelist.render(context), vary=vary)


@register.tag("remember")
def do_remember(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% remember %} needs a name")
    vary = None
    if bits[-1].startswith("vary="):
        vary = parser.compile_filter(bits.pop()[len("vary=") :])
    name, kinds = parser.compile_filter(bits[0]), [parser.compile_filter(bit) for bit in bits[1:]]
    nodelist = parser.parse(("endremember",))
    parser.delete_first_token()
    return RememberNode(nodelist, name, kinds, vary)

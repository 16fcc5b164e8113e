"""The cn-ghg taxonomy: definition (data), obligations (who must disclose what), generator (lxml) and
package (ZIP)."""

from disclosure.taxonomy.definition import Concept, Definition, definition
from disclosure.taxonomy.package import package_bytes, package_files, write_package

__all__ = ["Concept", "Definition", "definition", "package_bytes", "package_files", "write_package"]

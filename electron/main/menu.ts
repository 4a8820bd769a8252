import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The platform's usual menus, built from Electron's roles so shortcuts and labels are native. */
export function setAppMenu(platform: NodeJS.Platform = process.platform): void {
  const template: MenuItemConstructorOptions[] = [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
